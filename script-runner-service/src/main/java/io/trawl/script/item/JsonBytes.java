package io.trawl.script.item;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A scanner over one JSON text held as UTF-8 bytes: finds where values start and end, and decodes a single
 * string or number, without building a tree. It is what {@link ItemView} reads items with.
 *
 * <p>Strings are skipped eight bytes at a time (a SWAR test for {@code "} and {@code \}), so that an item's
 * 10 KiB response body costs about a nanosecond per eight bytes to step over and nothing to allocate.
 *
 * <p>Limits: it checks structure (brackets, quotes, commas, colons, literals), not everything JSON forbids:
 * UTF-8 inside strings is not validated and control characters inside strings are accepted. It is meant for
 * item JSON that Trawl wrote itself ({@code ItemJson}), where that holds by construction. Malformed structure
 * throws {@link IllegalArgumentException} naming the offset.
 */
final class JsonBytes {

    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private JsonBytes() {
    }

    /** The offset of the first byte at or after {@code i} that is not JSON whitespace. */
    static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end && isWhitespace(b[i])) {
            i++;
        }
        return i;
    }

    static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** The offset just after the value that starts at {@code i} (no leading whitespace). */
    static int skipValue(byte[] b, int i, int end) {
        if (i >= end) {
            throw malformed("a value", i);
        }
        return switch (b[i]) {
            case '"' -> skipString(b, i, end);
            case '{', '[' -> skipContainer(b, i, end);
            case 't' -> literal(b, i, end, "true");
            case 'f' -> literal(b, i, end, "false");
            case 'n' -> literal(b, i, end, "null");
            default -> skipNumber(b, i, end);
        };
    }

    /** The offset just after the closing quote of the string whose opening quote is at {@code i}. */
    static int skipString(byte[] b, int i, int end) {
        int p = i + 1;
        while (true) {
            while (p + 8 <= end) {
                long w = (long) LONG_LE.get(b, p);
                long hits = zeroBytes(w ^ QUOTES) | zeroBytes(w ^ BACKSLASHES);
                if (hits == 0) {
                    p += 8;
                    continue;
                }
                // The lowest flagged byte is exact; bytes above it may be false positives, and are re-read.
                p += Long.numberOfTrailingZeros(hits) >>> 3;
                break;
            }
            while (p < end && b[p] != '"' && b[p] != '\\') {
                p++;
            }
            if (p >= end) {
                throw malformed("the end of a string", i);
            }
            if (b[p] == '"') {
                return p + 1;
            }
            p += 2; // an escape: the byte after the backslash is never the closing quote
        }
    }

    /** Bytes of {@code v} that are zero have their high bit set in the result; see Hacker's Delight 6-1. */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    private static final long BRACKET_MASK = 0xD9D9D9D9D9D9D9D9L;
    private static final long BRACKET_BITS = 0x5959595959595959L;

    /**
     * The offset after the object or array whose opening bracket is at {@code i}. Eight bytes at a time: a byte
     * {@code c} with {@code (c & 0xD9) == 0x59} is one of {@code [ ] { }} (or {@code Y _ y DEL}, re-checked).
     */
    private static int skipContainer(byte[] b, int i, int end) {
        int depth = 0;
        int p = i;
        while (true) {
            while (p + 8 <= end) {
                long w = (long) LONG_LE.get(b, p);
                long hits = zeroBytes(w ^ QUOTES) | zeroBytes((w & BRACKET_MASK) ^ BRACKET_BITS);
                if (hits != 0) {
                    p += Long.numberOfTrailingZeros(hits) >>> 3;
                    break;
                }
                p += 8;
            }
            if (p >= end) {
                throw malformed("the end of an object or array", i);
            }
            switch (b[p]) {
                case '"' -> {
                    p = skipString(b, p, end);
                    continue;
                }
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (--depth == 0) {
                        return p + 1;
                    }
                }
                default -> {
                }
            }
            p++;
        }
    }

    private static int skipNumber(byte[] b, int i, int end) {
        int p = i;
        while (p < end) {
            byte c = b[p];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                p++;
            } else {
                break;
            }
        }
        if (p == i) {
            throw malformed("a value", i);
        }
        return p;
    }

    private static int literal(byte[] b, int i, int end, String word) {
        if (i + word.length() > end) {
            throw malformed(word, i);
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                throw malformed(word, i);
            }
        }
        return i + word.length();
    }

    /** The elements of the array whose {@code [} is at {@code i}, as {@code [valueStart, valueEnd]} each. */
    static int[] elements(byte[] b, int i, int end) {
        if (i >= end || b[i] != '[') {
            throw malformed("an array", i);
        }
        int[] e = new int[2 * 8];
        int n = 0;
        int p = skipWhitespace(b, i + 1, end);
        if (p < end && b[p] == ']') {
            return new int[0];
        }
        while (true) {
            int valueEnd = skipValue(b, p, end);
            if (2 * n + 2 > e.length) {
                e = java.util.Arrays.copyOf(e, e.length * 2);
            }
            e[2 * n] = p;
            e[2 * n + 1] = valueEnd;
            n++;
            p = skipWhitespace(b, valueEnd, end);
            if (p < end && b[p] == ',') {
                p = skipWhitespace(b, p + 1, end);
                continue;
            }
            if (p < end && b[p] == ']') {
                return java.util.Arrays.copyOf(e, 2 * n);
            }
            throw malformed("',' or ']'", p);
        }
    }

    /** Whether the raw name bytes {@code [start, end)} (no quotes) spell {@code key}: ASCII fast path. */
    static boolean nameEquals(byte[] b, int start, int end, String key) {
        int n = end - start;
        if (n == key.length()) {
            int k = 0;
            while (k < n) {
                byte c = b[start + k];
                if (c < 0 || c == '\\' || c != key.charAt(k)) {
                    break;
                }
                k++;
            }
            if (k == n) {
                return true;
            }
            byte c = b[start + k];
            if (c >= 0 && c != '\\') {
                return false;
            }
        } else if (!mayBeEncoded(b, start, end)) {
            return false;
        }
        return decodeString(b, start, end).equals(key);
    }

    private static boolean mayBeEncoded(byte[] b, int start, int end) {
        for (int k = start; k < end; k++) {
            if (b[k] < 0 || b[k] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The string whose raw bytes (no quotes) are {@code [start, end)}: escapes undone, UTF-8 decoded. */
    static String decodeString(byte[] b, int start, int end) {
        int k = start;
        while (k < end && b[k] >= 0 && b[k] != '\\') {
            k++;
        }
        if (k == end) {
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }
        StringBuilder s = new StringBuilder(end - start);
        int run = start;
        while (k < end) {
            if (b[k] != '\\') {
                k++;
                continue;
            }
            s.append(new String(b, run, k - run, StandardCharsets.UTF_8));
            if (k + 1 >= end) {
                throw malformed("an escape", k);
            }
            byte e = b[k + 1];
            k += 2;
            switch (e) {
                case '"', '\\', '/' -> s.append((char) e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    if (k + 4 > end) {
                        throw malformed("four hex digits", k);
                    }
                    s.append((char) Integer.parseInt(new String(b, k, 4, StandardCharsets.ISO_8859_1), 16));
                    k += 4;
                }
                default -> throw malformed("an escape", k - 2);
            }
            run = k;
        }
        s.append(new String(b, run, end - run, StandardCharsets.UTF_8));
        return s.toString();
    }

    /**
     * The number at {@code [start, end)} as a script sees it: an {@code Integer} when it fits, else a
     * {@code Long}, else a {@code Double} (beyond a long, precision is lost exactly as {@code JSON.parse} loses it).
     */
    static Object number(byte[] b, int start, int end) {
        int p = start;
        boolean negative = p < end && b[p] == '-';
        if (negative) {
            p++;
        }
        if (p < end && end - p <= 18) {
            long v = 0;
            int k = p;
            while (k < end && b[k] >= '0' && b[k] <= '9') {
                v = v * 10 + (b[k] - '0');
                k++;
            }
            if (k == end && k > p) {
                v = negative ? -v : v;
                return v == (int) v ? (Object) (int) v : (Object) v;
            }
        }
        String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        try {
            if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                return Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            // beyond a long: a double, losing precision exactly as JSON.parse does
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw malformed("a number", start);
        }
    }

    static IllegalArgumentException malformed(String expected, int offset) {
        return new IllegalArgumentException("item is not valid JSON: expected " + expected + " at byte " + offset);
    }
}
