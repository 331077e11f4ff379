package io.trawl.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a classic libpcap file (version 2.4, big-endian, nanosecond timestamps: magic {@code a1 b2 3c 4d}) of one
 * link type, the format every packet tool reads.
 */
public final class PcapWriter implements CaptureWriter {

    /** The snap length written in the header: the largest packet Wireshark accepts for most link types. */
    public static final int SNAP_LENGTH = 262_144;

    private final OutputStream out;
    private final int linkType;
    private final byte[] header = new byte[16];

    /** Writes the file header at once. */
    public PcapWriter(OutputStream out, int linkType) throws IOException {
        CaptureWriter.checkLinkType(linkType);
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.linkType = linkType;
        byte[] h = new byte[24];
        putUint32(h, 0, PcapReader.MAGIC_NANOS);
        h[5] = 2; // version 2.4
        h[7] = 4;
        putUint32(h, 16, SNAP_LENGTH);
        putUint32(h, 20, linkType);
        this.out.write(h);
    }

    public int linkType() {
        return linkType;
    }

    @Override
    public void write(long timestampNanos, int linkType, int originalLength, byte[] data, int offset, int length)
            throws IOException {
        if (linkType != this.linkType) {
            throw new IllegalArgumentException("a pcap file holds packets of one link type: this one is "
                    + this.linkType + ", the packet's " + linkType + " (write pcapng for several)");
        }
        CaptureWriter.check(timestampNanos, originalLength, length);
        putUint32(header, 0, timestampNanos / 1_000_000_000L);
        putUint32(header, 4, timestampNanos % 1_000_000_000L);
        putUint32(header, 8, length);
        putUint32(header, 12, originalLength);
        out.write(header);
        out.write(data, offset, length);
    }

    @Override
    public String format() {
        return "pcap";
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static void putUint32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
