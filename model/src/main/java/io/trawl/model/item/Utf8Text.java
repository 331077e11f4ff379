package io.trawl.model.item;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A text value of an item held as the UTF-8 bytes it arrived in, or as a String when it was decoded from
 * another charset. A body of kilobytes then goes into the item JSON as it is, escaped where JSON needs it,
 * without being decoded to a String and encoded again; the JSON is the same as for the equal String.
 *
 * <p>The bytes are not copied: whoever makes one hands over a range that no one writes to afterwards.
 */
public final class Utf8Text {

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final String string;

    private Utf8Text(byte[] bytes, int offset, int length, String string) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.string = string;
    }

    /** Text from bytes that the caller has checked to be well-formed UTF-8. */
    public static Utf8Text ofValidUtf8(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new Utf8Text(bytes, offset, length, null);
    }

    /** Text already decoded (from a charset other than UTF-8, say). */
    public static Utf8Text of(String string) {
        return new Utf8Text(null, 0, 0, Objects.requireNonNull(string, "string"));
    }

    /** Whether the text is held as bytes: then {@link #bytes()}, {@link #offset()} and {@link #length()} hold it. */
    public boolean isBytes() {
        return string == null;
    }

    byte[] bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    @Override
    public String toString() {
        return string != null ? string : new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Utf8Text other)) {
            return false;
        }
        if (isBytes() && other.isBytes()) {
            return Arrays.equals(bytes, offset, offset + length, other.bytes, other.offset, other.offset + other.length);
        }
        return toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
