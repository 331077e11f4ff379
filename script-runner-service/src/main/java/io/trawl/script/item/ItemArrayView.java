package io.trawl.script.item;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * A read-only view of a JSON array inside item bytes, such as {@code data.request.questions}: elements are
 * located when the array is first read and decoded lazily, once, as in {@link ItemView}.
 */
final class ItemArrayView implements ProxyArray {

    private final byte[] json;
    private final int start;
    private final int end;
    private int[] elements;
    private Object[] decoded;

    ItemArrayView(byte[] json, int start, int end) {
        this.json = json;
        this.start = start;
        this.end = end;
    }

    private int[] elements() {
        if (elements == null) {
            elements = JsonBytes.elements(json, start, end);
        }
        return elements;
    }

    @Override
    public Object get(long index) {
        int[] e = elements();
        if (index < 0 || index >= e.length >> 1) {
            throw new ArrayIndexOutOfBoundsException((int) Math.min(index, Integer.MAX_VALUE));
        }
        int i = (int) index;
        if (decoded != null && decoded[i] != null) {
            return decoded[i];
        }
        Object value = ItemView.value(json, e[2 * i], e[2 * i + 1]);
        if (value != null) {
            if (decoded == null) {
                decoded = new Object[e.length >> 1];
            }
            decoded[i] = value;
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
        return elements().length >> 1;
    }
}
