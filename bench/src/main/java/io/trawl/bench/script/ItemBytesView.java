package io.trawl.bench.script;

import java.util.Arrays;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The item-delivery design this benchmark proposes: a read-only guest view of item JSON, like
 * {@code io.trawl.script.item.ItemView}, that reads the JSON bytes themselves, lazily, instead of a Jackson tree.
 *
 * <p>Nothing is parsed up front. A member read scans the object's members in order only as far as the member
 * asked for, remembering each member's name and value offsets for later reads ({@link JsonBytes}; strings are
 * stepped over eight bytes at a time). A value is decoded when first read and kept: a string becomes a
 * {@code String}, a number an {@code Integer}, {@code Long} or {@code Double}, an object another view over the
 * same bytes, an array an {@link ItemBytesArrayView}; so {@code data.request === data.request}. What a script
 * never reads is never decoded: a DNS item that a hook turns away after {@code data.protocol.name} costs a scan
 * of its first members only, and an HTTP response body is stepped over once, only by a read of a member after it.
 *
 * <p>Same guest semantics as ItemView: JSON null is JS null, a missing member is {@code undefined}, writes are
 * refused (ignored in sloppy code, {@code TypeError} in strict code), keys in JSON order. Not thread-safe.
 *
 * <p>Limits: JSON is checked only as far as it is read ({@link JsonBytes} checks structure, not UTF-8), so a
 * malformed tail that no script reads goes unnoticed, and a malformed part that one reads throws
 * {@link IllegalArgumentException} from that read (a script sees a host exception). That suits item JSON that
 * Trawl's own {@code ItemJson} wrote; {@link #parse} checks only that the bytes start an object.
 * Duplicate member names: the first wins here, the last in Jackson's tree.
 */
final class ItemBytesView implements ProxyObject {

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

    private ItemBytesView(byte[] json, int start, int end) {
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
     * A view of item JSON bytes, as {@code ItemJson.toBytes} writes them (one object).
     *
     * @throws IllegalArgumentException when the bytes do not start a JSON object
     */
    static ItemBytesView parse(byte[] json) {
        return new ItemBytesView(json, JsonBytes.skipWhitespace(json, 0, json.length), json.length);
    }

    /** Scans every member and the end of the item: what a view costs at most, and a full structure check. */
    ItemBytesView scanAll() {
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
            case '{' -> new ItemBytesView(json, start, end);
            case '[' -> new ItemBytesArrayView(json, start, end);
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
