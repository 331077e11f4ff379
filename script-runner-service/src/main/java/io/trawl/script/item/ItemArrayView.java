package io.trawl.script.item;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

import tools.jackson.databind.JsonNode;

/**
 * A read-only view of a JSON array inside an item, such as {@code data.request.questions}. Elements are
 * wrapped as in {@link ItemView}, lazily and once; writes throw {@link UnsupportedOperationException}.
 */
final class ItemArrayView implements ProxyArray {

    private final JsonNode array;
    private Object[] wrapped;

    ItemArrayView(JsonNode array) {
        this.array = array;
    }

    @Override
    public Object get(long index) {
        if (index < 0 || index >= array.size()) {
            throw new ArrayIndexOutOfBoundsException((int) Math.min(index, Integer.MAX_VALUE));
        }
        int i = (int) index;
        if (wrapped != null && wrapped[i] != null) {
            return wrapped[i];
        }
        JsonNode node = array.get(i);
        Object value = GuestValues.of(node);
        if (node.isContainer()) {
            if (wrapped == null) {
                wrapped = new Object[array.size()];
            }
            wrapped[i] = value;
        }
        return value;
    }

    @Override
    public void set(long index, Value value) {
        throw new UnsupportedOperationException("the item is read-only");
    }

    @Override
    public boolean remove(long index) {
        throw new UnsupportedOperationException("the item is read-only");
    }

    @Override
    public long getSize() {
        return array.size();
    }
}
