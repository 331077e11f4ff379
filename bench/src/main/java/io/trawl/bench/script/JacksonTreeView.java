package io.trawl.bench.script;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The former item delivery, kept as this benchmark's baseline: the item parsed up front into a Jackson tree,
 * behind a read-only guest proxy that wraps nested objects and arrays once, with the same guest semantics as
 * {@code io.trawl.script.item.ItemView} (which replaced it). Not used outside the benchmark.
 */
final class JacksonTreeView implements ProxyObject {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode object;
    private Map<String, Object> wrapped;

    private JacksonTreeView(JsonNode object) {
        this.object = object;
    }

    static JacksonTreeView parse(byte[] json) {
        JsonNode tree = JSON.readTree(Objects.requireNonNull(json, "json"));
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("item JSON must be an object");
        }
        return new JacksonTreeView(tree);
    }

    @Override
    public Object getMember(String key) {
        if (wrapped != null && wrapped.containsKey(key)) {
            return wrapped.get(key);
        }
        JsonNode node = object.get(key);
        Object value = guest(node);
        if (node != null && node.isContainer()) {
            if (wrapped == null) {
                wrapped = new HashMap<>();
            }
            wrapped.put(key, value);
        }
        return value;
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(object.propertyNames().toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return object.has(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("the item is read-only");
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException("the item is read-only");
    }

    /** One JSON value as a script sees it; a missing node or JSON null is Java null. */
    private static Object guest(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return new JacksonTreeView(node);
        }
        if (node.isArray()) {
            return new ArrayView(node);
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            if (node.isIntegralNumber()) {
                if (node.canConvertToInt()) {
                    return node.intValue();
                }
                return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
            }
            return node.doubleValue();
        }
        return node.asString();
    }

    /** A read-only JSON array of the tree, elements wrapped lazily and once. */
    private static final class ArrayView implements ProxyArray {

        private final JsonNode array;
        private Object[] wrapped;

        ArrayView(JsonNode array) {
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
            Object value = guest(node);
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
}
