package io.trawl.pcap;

/** Reads file-format integers in the byte order a capture file declared. */
final class ByteOrderView {
    private ByteOrderView() {
    }

    static int u16(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF) : ((b[i + 1] & 0xFF) << 8) | (b[i] & 0xFF);
    }

    static long u32(byte[] b, int i, boolean bigEndian) {
        if (bigEndian) {
            return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
        }
        return ((long) (b[i + 3] & 0xFF) << 24) | ((b[i + 2] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i] & 0xFF);
    }
}
