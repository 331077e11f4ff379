package io.trawl.model.item;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON values as UTF-8 into a buffer that is emptied into an output stream when full. The bytes are
 * those of Jackson's UTF-8 generator with Trawl's settings, which wrote items before: no spaces; in strings
 * {@code "} and {@code \} escaped, {@code \b \t \n \f \r} as such, other control characters as a backslash,
 * {@code u} and four upper-case hex digits, everything else as UTF-8, a surrogate pair as one four-byte
 * sequence and a lone surrogate escaped like a control character; doubles as {@link Double#toString}, NaN and
 * infinities quoted. It exists because a generator per item and Jackson's char-by-char escape of kilobyte
 * bodies were most of the time of {@code trawl dissect}.
 */
final class JsonByteWriter {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** {@code -9223372036854775807}: a sign and 19 digits. */
    private static final int MAX_LONG_CHARS = 20;
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** For each ASCII byte: 0 when written as it is, the letter of its short escape, or 'u' for a four-digit escape. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private final OutputStream out;
    private final byte[] buf;
    private int pos;

    JsonByteWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 64)];
    }

    void raw(byte b) {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = b;
    }

    void raw(byte[] b) {
        if (b.length > buf.length - pos) {
            drain();
            if (b.length > buf.length) {
                write(b, 0, b.length);
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** A long in decimal, as {@link Long#toString(long)} writes it, without making the String. */
    void number(long v) {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        if (buf.length - pos < MAX_LONG_CHARS) {
            drain();
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int p = pos + digits;
        pos = p;
        do {
            buf[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
    }

    void bool(boolean b) {
        raw(b ? TRUE : FALSE);
    }

    void nul() {
        raw(NULL);
    }

    /** Any value an item's request or response may hold; see {@link ItemJson}. */
    void value(Object v) {
        switch (v) {
            case null -> nul();
            case String s -> string(s);
            case Utf8Text t -> text(t);
            case Integer i -> number(i);
            case Long l -> number(l);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    string(d.toString());
                } else {
                    ascii(d.toString());
                }
            }
            case Number n -> ascii(n.toString());
            case Boolean b -> bool(b);
            case Map<?, ?> m -> {
                raw((byte) '{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        raw((byte) ',');
                    }
                    first = false;
                    string(String.valueOf(e.getKey()));
                    raw((byte) ':');
                    value(e.getValue());
                }
                raw((byte) '}');
            }
            case Collection<?> c -> {
                raw((byte) '[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        raw((byte) ',');
                    }
                    first = false;
                    value(o);
                }
                raw((byte) ']');
            }
            default -> string(v.toString());
        }
    }

    void text(Utf8Text t) {
        if (t.isBytes()) {
            utf8String(t.bytes(), t.offset(), t.length());
        } else {
            string(t.toString());
        }
    }

    /** A string value, quoted and escaped. */
    void string(String s) {
        int n = s.length();
        if (buf.length - pos < n + 2) {
            drain();
        }
        int i = 0;
        if (buf.length - pos >= n + 2) {
            // the common case, ASCII that needs no escape, in a tight loop with the position in a local
            byte[] b = buf;
            int p = pos;
            b[p++] = '"';
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || ESCAPES[c] != 0) {
                    break;
                }
                b[p++] = (byte) c;
            }
            pos = p;
            if (i == n) {
                b[pos++] = '"';
                return;
            }
        } else {
            raw((byte) '"');
        }
        for (; i < n; i++) {
            // at most 12 bytes per char (an escaped surrogate pair) and the closing quote
            if (buf.length - pos < 13) {
                drain();
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPES[c];
                if (e == 0) {
                    buf[pos++] = (byte) c;
                } else {
                    escape(c, e);
                }
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                threeBytes(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                unicodeEscape(c);
            }
        }
        raw((byte) '"');
    }

    /**
     * A string value from well-formed UTF-8 bytes: copied as they are but for the ASCII bytes JSON escapes. Eight
     * bytes at a time are tested for a control character, {@code "} or {@code \}.
     */
    void utf8String(byte[] b, int off, int len) {
        raw((byte) '"');
        int end = off + len;
        int i = off;
        int runStart = off;
        while (i < end) {
            if (i + 8 <= end && !mayNeedEscape((long) LONGS.get(b, i))) {
                i += 8;
                continue;
            }
            int stop = Math.min(i + 8, end);
            for (; i < stop; i++) {
                int c = b[i];
                if (c >= 0 && ESCAPES[c] != 0) {
                    write(b, runStart, i - runStart);
                    if (buf.length - pos < 6) {
                        drain();
                    }
                    escape((char) c, ESCAPES[c]);
                    runStart = i + 1;
                }
            }
        }
        write(b, runStart, end - runStart);
        raw((byte) '"');
    }

    /** Whether any of the eight bytes is below 0x20, {@code "} or {@code \}; bytes from 0x80 never are. */
    private static boolean mayNeedEscape(long x) {
        long control = (x - ONES * 0x20) & ~x;
        long quote = x ^ (ONES * '"');
        long backslash = x ^ (ONES * '\\');
        long quotes = (quote - ONES) & ~quote;
        long backslashes = (backslash - ONES) & ~backslash;
        return ((control | quotes | backslashes) & HIGHS) != 0;
    }

    void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write items", e);
        }
    }

    private void ascii(String s) {
        int n = s.length();
        if (buf.length - pos < n) {
            drain();
        }
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void escape(char c, byte e) {
        if (e == 'u') {
            unicodeEscape(c);
        } else {
            buf[pos++] = '\\';
            buf[pos++] = e;
        }
    }

    private void unicodeEscape(char c) {
        buf[pos++] = '\\';
        buf[pos++] = 'u';
        buf[pos++] = HEX[(c >> 12) & 0xF];
        buf[pos++] = HEX[(c >> 8) & 0xF];
        buf[pos++] = HEX[(c >> 4) & 0xF];
        buf[pos++] = HEX[c & 0xF];
    }

    private void threeBytes(char c) {
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
    }

    private void write(byte[] b, int off, int len) {
        if (len <= buf.length - pos) {
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
            return;
        }
        drain();
        if (len <= buf.length) {
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
            return;
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write items", e);
        }
    }

    private void drain() {
        if (pos == 0) {
            return;
        }
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write items", e);
        }
        pos = 0;
    }
}
