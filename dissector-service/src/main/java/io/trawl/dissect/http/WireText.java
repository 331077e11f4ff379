package io.trawl.dissect.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns wire octets into strings, for header lines and for bodies that declare no charset. HTTP says header
 * octets are opaque (historically ISO-8859-1) while most traffic today is UTF-8: UTF-8 is taken when the octets
 * are valid UTF-8, and ISO-8859-1, which maps every octet and so loses nothing, otherwise.
 */
final class WireText {

    /** The longest UTF-8 sequence less one: what a body cut mid-character can leave dangling. */
    private static final int MAX_DANGLING = 3;
    private static final int PREVIEW = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private WireText() {
    }

    static String bestEffort(byte[] b, int off, int len) {
        String utf8 = strictUtf8(b, off, len, false);
        return utf8 != null ? utf8 : new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes as UTF-8, or null when they are not valid UTF-8. With {@code cutTail} an incomplete sequence at
     * the very end is dropped instead: a body kept up to a limit may end in the middle of a character.
     */
    static String strictUtf8(byte[] b, int off, int len, boolean cutTail) {
        int valid = validUtf8Length(b, off, len, cutTail);
        return valid < 0 ? null : new String(b, off, valid, StandardCharsets.UTF_8);
    }

    /**
     * How many of the bytes are valid UTF-8: {@code len}, less an incomplete sequence at the very end with
     * {@code cutTail} (see {@link #strictUtf8}), or -1 when they are not valid UTF-8.
     */
    static int validUtf8Length(byte[] b, int off, int len, boolean cutTail) {
        if (isAscii(b, off, len)) {
            return len;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(len), !cutTail);
        if (result.isError() || in.remaining() > (cutTail ? MAX_DANGLING : 0)) {
            return -1;
        }
        return len - in.remaining();
    }

    /** Whether no byte has its high bit set; eight bytes at a time, as most of what is tested is long text. */
    static boolean isAscii(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            if (((long) LONGS.get(b, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A short printable preview of raw bytes, for error messages about traffic that is not HTTP. */
    static String preview(byte[] b, int off, int len) {
        return preview(new String(b, off, Math.min(len, PREVIEW + 1), StandardCharsets.ISO_8859_1));
    }

    /** A short printable preview of a line, control and non-ASCII characters escaped. */
    static String preview(String text) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), PREVIEW); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                s.append(c);
            } else {
                s.append(c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return text.length() > PREVIEW ? s.append("...").toString() : s.toString();
    }
}
