package io.trawl.script.helper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A read-only guest object of fixed members (functions, nested objects, strings), which is what a helper's
 * global is. As with items, assigning or deleting a member is ignored in sloppy code and throws a
 * {@code TypeError} in strict code; the script can still replace the whole global in its own context.
 */
public final class GuestObject implements ProxyObject {

    private final Map<String, Object> members;

    private GuestObject(Map<String, Object> members) {
        this.members = members;
    }

    /** An object with {@code members}, in their iteration order. */
    public static GuestObject of(Map<String, ?> members) {
        return new GuestObject(Collections.unmodifiableMap(new LinkedHashMap<>(members)));
    }

    @Override
    public Object getMember(String key) {
        return members.get(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(members.keySet().toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("helpers are read-only");
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException("helpers are read-only");
    }
}
