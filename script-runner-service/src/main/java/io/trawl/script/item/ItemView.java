package io.trawl.script.item;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A read-only view of an item's JSON object (or any object inside it) as a guest object, so that scripts
 * read {@code data.request.method}, {@code Object.keys(data.request.headers)} or {@code JSON.stringify(data)}
 * without the item being copied into JavaScript.
 *
 * <p>The JSON is parsed once; nested objects and arrays are wrapped when a script first reads them and the
 * wrapper is kept, so {@code data.request === data.request}. Strings stay strings (ports too), numbers become
 * {@code Integer}, {@code Long} or {@code Double}, JSON null becomes JS null, and a missing member reads as
 * {@code undefined}.
 *
 * <p>Writes are refused, as on a frozen object: assigning or deleting a member (or an array element) is
 * silently ignored in sloppy-mode code, which is what ES5 scripts are, and throws a {@code TypeError} in
 * strict-mode code. One view can therefore be handed to every script of a host without one script changing
 * what the next one sees; a script that wants to annotate an item copies it first
 * ({@code JSON.parse(JSON.stringify(data))}). Not thread-safe: use a view from one thread.
 */
public final class ItemView implements ProxyObject {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode object;
    private Map<String, Object> wrapped;

    ItemView(JsonNode object) {
        this.object = object;
    }

    /**
     * Parses item JSON, as {@code ItemJson.toBytes} writes it, into a view.
     *
     * @throws IllegalArgumentException when the bytes are not one JSON object
     */
    public static ItemView parse(byte[] json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(Objects.requireNonNull(json, "json"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("item is not valid JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("item JSON must be an object");
        }
        return new ItemView(tree);
    }

    @Override
    public Object getMember(String key) {
        if (wrapped != null && wrapped.containsKey(key)) {
            return wrapped.get(key);
        }
        JsonNode node = object.get(key);
        Object value = GuestValues.of(node);
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
}
