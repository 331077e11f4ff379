package io.trawl.script.item;

import java.util.Arrays;
import java.util.Objects;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * A read-only view of an item's JSON (or any object inside it) as a guest object, so that scripts read
 * {@code data.request.method}, {@code Object.keys(data.request.headers)} or {@code JSON.stringify(data)} without
 * the item being parsed into a tree or copied into JavaScript. It is how every item reaches a script.
 *
 * <p>Nothing is parsed up front. A member read scans the object's members in order only as far as the member
 * asked for, remembering each member's name and value offsets for later reads ({@link JsonBytes}; strings are
 * stepped over eight bytes at a time). A value is decoded when first read and kept: a string becomes a
 * {@code String} (ports too), a number an {@code Integer}, {@code Long} or {@code Double}, an object another view
 * over the same bytes, an array an {@link ItemArrayView}; so {@code data.request === data.request}. JSON null is
 * JS null, a missing member reads as {@code undefined}, and keys come in JSON order. What a script never reads is
 * never decoded: a hook that turns a DNS item away after {@code data.protocol.name} costs a scan of its first
 * members only.
 *
 * <p>Writes are refused, as on a frozen object: assigning or deleting a member (or an array element) is silently
 * ignored in sloppy-mode code, which is what ES5 scripts are, and throws a {@code TypeError} in strict-mode code.
 * One view can therefore be handed to every script of a host without one script changing what the next one
 * sees; a script that wants to annotate an item copies it first ({@code JSON.parse(JSON.stringify(data))}).
 * Not thread-safe: use a view from one thread.
 *
 * <p>Limits: {@link #parse} checks only that the bytes look like one object (the first non-blank byte is an
 * opening brace, the last a closing one); the rest is checked as far as it is read, and structure only
 * ({@link JsonBytes} does not validate UTF-8). A malformed part that a script reads throws
 * {@link IllegalArgumentException}, naming the byte offset, from that read: the script sees a host exception and
 * its hook call reports an error. A malformed part that no script reads goes unnoticed. That suits item JSON that
 * Trawl's own {@code ItemJson} wrote. Of duplicate member names the first wins (Jackson keeps the last).
 */
public final class ItemView implements ProxyObject {

    private final byte[] json;
    private final int end;
    /** {@code [nameStart, nameEnd, valueStart, valueEnd]} per member scanned so far. */
    private int[] members = new int[4 * 8];
    private int count;
    /** Where the scan goes on: the next member's name, or -1 once the closing brace was reached. */
    private int next;
    /** The closing brace, once reached. */
    private int close = -1;
    private Object[] decoded;
    private String lastKey;
    private int lastFound;

    private ItemView(byte[] json, int start, int end) {
        this.json = json;
        this.end = end;
        if (start >= end || json[start] != '{') {
            throw JsonBytes.malformed("an object", start);
        }
        int p = JsonBytes.skipWhitespace(json, start + 1, end);
        if (p < end && json[p] == '}') {
            next = -1;
            close = p;
        } else {
            next = p;
        }
    }

    /**
     * A view of item JSON bytes, as {@code ItemJson.toBytes} writes them (one object). The bytes are not copied:
     * do not change them while the view is in use.
     *
     * @throws IllegalArgumentException when the first non-blank byte is not an opening brace or the last is not
     *                                  a closing one
     */
    public static ItemView parse(byte[] json) {
        Objects.requireNonNull(json, "json");
        int start = JsonBytes.skipWhitespace(json, 0, json.length);
        if (start == json.length || json[start] != '{') {
            throw new IllegalArgumentException("item JSON must be an object");
        }
        int last = json.length - 1;
        while (last > start && JsonBytes.isWhitespace(json[last])) {
            last--;
        }
        if (last == start || json[last] != '}') {
            throw JsonBytes.malformed("'}' at the end of the item", last + 1);
        }
        return new ItemView(json, start, last + 1);
    }

    /** Scans every member and the end of the object: what a view costs at most, and a top-level structure check. */
    ItemView scanAll() {
        while (next >= 0) {
            scanOne();
        }
        if (JsonBytes.skipWhitespace(json, close + 1, end) != end) {
            throw JsonBytes.malformed("the end of the object", close + 1);
        }
        return this;
    }

    /** Scans the member at {@link #next}. */
    private void scanOne() {
        byte[] b = json;
        int p = next;
        if (p >= end || b[p] != '"') {
            throw JsonBytes.malformed("a member name", p);
        }
        int nameEnd = JsonBytes.skipString(b, p, end);
        int colon = JsonBytes.skipWhitespace(b, nameEnd, end);
        if (colon >= end || b[colon] != ':') {
            throw JsonBytes.malformed("':'", colon);
        }
        int valueStart = JsonBytes.skipWhitespace(b, colon + 1, end);
        int valueEnd = JsonBytes.skipValue(b, valueStart, end);
        if (4 * count + 4 > members.length) {
            members = Arrays.copyOf(members, members.length * 2);
        }
        int[] m = members;
        m[4 * count] = p + 1;
        m[4 * count + 1] = nameEnd - 1;
        m[4 * count + 2] = valueStart;
        m[4 * count + 3] = valueEnd;
        count++;
        int q = JsonBytes.skipWhitespace(b, valueEnd, end);
        if (q < end && b[q] == ',') {
            next = JsonBytes.skipWhitespace(b, q + 1, end);
        } else if (q < end && b[q] == '}') {
            next = -1;
            close = q;
        } else {
            throw JsonBytes.malformed("',' or '}'", q);
        }
    }

    /** The member's number (its position in {@link #members} divided by 4), scanning on as needed; or -1. */
    private int find(String key) {
        // A guest read may ask hasMember and then getMember for the same key: answer the second from the first.
        if (key.equals(lastKey)) {
            return lastFound;
        }
        int found = search(key);
        lastKey = key;
        lastFound = found;
        return found;
    }

    private int search(String key) {
        int[] m = members;
        for (int i = 0; i < count; i++) {
            if (JsonBytes.nameEquals(json, m[4 * i], m[4 * i + 1], key)) {
                return i;
            }
        }
        while (next >= 0) {
            scanOne();
            int i = count - 1;
            if (JsonBytes.nameEquals(json, members[4 * i], members[4 * i + 1], key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Object getMember(String key) {
        int m = find(key);
        if (m < 0) {
            return null;
        }
        if (decoded != null && m < decoded.length && decoded[m] != null) {
            return decoded[m];
        }
        Object value = value(json, members[4 * m + 2], members[4 * m + 3]);
        if (value != null) {
            if (decoded == null || m >= decoded.length) {
                decoded = decoded == null ? new Object[Math.max(8, m + 1)]
                        : Arrays.copyOf(decoded, Math.max(decoded.length * 2, m + 1));
            }
            decoded[m] = value;
        }
        return value;
    }

    /** One JSON value of the item as a script sees it; JSON null is Java null (JS null). */
    static Object value(byte[] json, int start, int end) {
        return switch (json[start]) {
            case '"' -> JsonBytes.decodeString(json, start + 1, end - 1);
            case '{' -> new ItemView(json, start, end);
            case '[' -> new ItemArrayView(json, start, end);
            case 't' -> Boolean.TRUE;
            case 'f' -> Boolean.FALSE;
            case 'n' -> null;
            default -> JsonBytes.number(json, start, end);
        };
    }

    @Override
    public Object getMemberKeys() {
        scanAll();
        Object[] keys = new Object[count];
        for (int i = 0; i < count; i++) {
            keys[i] = JsonBytes.decodeString(json, members[4 * i], members[4 * i + 1]);
        }
        return ProxyArray.fromArray(keys);
    }

    @Override
    public boolean hasMember(String key) {
        return find(key) >= 0;
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
