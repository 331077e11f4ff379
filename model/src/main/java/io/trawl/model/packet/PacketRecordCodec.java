package io.trawl.model.packet;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary form of a {@link PacketRecord} on {@code trawl.packets}.
 *
 * <p>Layout, version 1 (all integers big-endian):
 * <pre>
 *  0  u8   version (1)
 *  1  u8   flags (0; readers ignore bits they do not know)
 *  2  i64  capture time, nanoseconds since the epoch
 * 10  u16  link type (LINKTYPE_)
 * 12  u32  original length
 * 16  u8   node length n, then n bytes of UTF-8
 *     u8   interface length m, then m bytes of UTF-8
 *     ...  captured bytes, to the end of the record
 * </pre>
 * A reader refuses a version it does not know with an error that names both versions, so a mixed-version
 * cluster fails loudly rather than misreading packets.
 */
public final class PacketRecordCodec {

    public static final int VERSION = 1;
    static final int FIXED_HEADER = 16;
    static final int MAX_NAME_BYTES = 255;

    private PacketRecordCodec() {
    }

    public static byte[] encode(PacketRecord record) {
        return encoderFor(record.node(), record.iface())
                .encode(record.timestampNanos(), record.linkType(), record.originalLength(), record.data(), 0,
                        record.data().length);
    }

    /**
     * An encoder for packets of one capture source, with its names encoded once. Thread-safe: it holds no
     * mutable state.
     */
    public static Encoder encoderFor(String node, String iface) {
        return new Encoder(nameBytes("node", node), nameBytes("interface", iface));
    }

    public static PacketRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < FIXED_HEADER + 2) {
            throw new PacketRecordFormatException("packet record of " + (bytes == null ? 0 : bytes.length)
                    + " bytes is shorter than the " + (FIXED_HEADER + 2) + "-byte minimum");
        }
        int version = bytes[0] & 0xFF;
        if (version != VERSION) {
            throw new PacketRecordFormatException("packet record version " + version
                    + " is not supported: this build of Trawl reads version " + VERSION);
        }
        long timestamp = Bytes.int64(bytes, 2);
        int linkType = Bytes.uint16(bytes, 10);
        long originalLength = Bytes.uint32(bytes, 12);
        int pos = FIXED_HEADER;
        int nodeLength = bytes[pos++] & 0xFF;
        if (pos + nodeLength + 1 > bytes.length) {
            throw new PacketRecordFormatException("packet record ends inside its node name");
        }
        String node = new String(bytes, pos, nodeLength, StandardCharsets.UTF_8);
        pos += nodeLength;
        int ifaceLength = bytes[pos++] & 0xFF;
        if (pos + ifaceLength > bytes.length) {
            throw new PacketRecordFormatException("packet record ends inside its interface name");
        }
        String iface = new String(bytes, pos, ifaceLength, StandardCharsets.UTF_8);
        pos += ifaceLength;
        byte[] data = Arrays.copyOfRange(bytes, pos, bytes.length);
        if (originalLength < data.length || originalLength > Integer.MAX_VALUE) {
            throw new PacketRecordFormatException("packet record says the packet was " + originalLength
                    + " bytes on the wire but carries " + data.length + " captured bytes");
        }
        return new PacketRecord(timestamp, linkType, (int) originalLength, data, node, iface);
    }

    private static byte[] nameBytes(String what, String name) {
        byte[] b;
        try {
            // newEncoder() reports malformed input instead of silently writing '?' for a lone surrogate
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(name));
            b = new byte[encoded.remaining()];
            encoded.get(b);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " name '" + name + "' is not well-formed Unicode");
        }
        if (b.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(what + " name '" + name + "' is " + b.length
                    + " bytes of UTF-8; packet records allow at most " + MAX_NAME_BYTES);
        }
        return b;
    }

    /** Encodes packets of one source; see {@link #encoderFor}. */
    public static final class Encoder {
        private final byte[] node;
        private final byte[] iface;

        private Encoder(byte[] node, byte[] iface) {
            this.node = node;
            this.iface = iface;
        }

        /** Encodes {@code length} captured bytes of {@code data} from {@code offset}. */
        public byte[] encode(long timestampNanos, int linkType, int originalLength, byte[] data, int offset,
                             int length) {
            if (linkType < 0 || linkType > 0xFFFF) {
                throw new IllegalArgumentException("link type " + linkType + " is outside 0..65535");
            }
            if (originalLength < length) {
                throw new IllegalArgumentException(
                        "original length " + originalLength + " is smaller than the " + length + " captured bytes");
            }
            byte[] out = new byte[FIXED_HEADER + 2 + node.length + iface.length + length];
            out[0] = VERSION;
            out[1] = 0;
            Bytes.putInt64(out, 2, timestampNanos);
            Bytes.putUint16(out, 10, linkType);
            Bytes.putUint32(out, 12, originalLength);
            int pos = FIXED_HEADER;
            out[pos++] = (byte) node.length;
            System.arraycopy(node, 0, out, pos, node.length);
            pos += node.length;
            out[pos++] = (byte) iface.length;
            System.arraycopy(iface, 0, out, pos, iface.length);
            pos += iface.length;
            System.arraycopy(data, offset, out, pos, length);
            return out;
        }
    }
}
