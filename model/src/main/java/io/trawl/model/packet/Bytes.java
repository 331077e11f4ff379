package io.trawl.model.packet;

/** Big-endian reads and writes on byte arrays, without a ByteBuffer per call. */
public final class Bytes {
    private Bytes() {
    }

    public static int uint8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int uint16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    public static int uint16le(byte[] b, int i) {
        return ((b[i + 1] & 0xFF) << 8) | (b[i] & 0xFF);
    }

    public static long uint32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    public static long uint32le(byte[] b, int i) {
        return ((long) (b[i + 3] & 0xFF) << 24) | ((b[i + 2] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i] & 0xFF);
    }

    public static long int64(byte[] b, int i) {
        return (uint32(b, i) << 32) | uint32(b, i + 4);
    }

    public static void putUint16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    public static void putUint32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    public static void putInt64(byte[] b, int i, long v) {
        putUint32(b, i, v >>> 32);
        putUint32(b, i + 4, v);
    }
}
