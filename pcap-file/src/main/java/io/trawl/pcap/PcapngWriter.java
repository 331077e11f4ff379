package io.trawl.pcap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a pcapng file (big-endian, one section) for packets of several link types: one interface per link
 * type, described when its first packet comes, with nanosecond timestamps ({@code if_tsresol} 9). Packets go
 * in enhanced packet blocks.
 */
public final class PcapngWriter implements CaptureWriter {

    private static final int ENHANCED_PACKET_BLOCK = 6;
    private static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    private static final byte[] PADDING = new byte[3];

    private final OutputStream out;
    private final Map<Integer, Integer> interfaceByLinkType = new HashMap<>();

    private final byte[] header = new byte[28];
    private final byte[] trailer = new byte[4];

    /** Writes the section header at once. */
    public PcapngWriter(OutputStream out) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        byte[] shb = new byte[28];
        PcapWriter.putUint32(shb, 0, PcapngReader.SECTION_HEADER_BLOCK);
        PcapWriter.putUint32(shb, 4, shb.length);
        PcapWriter.putUint32(shb, 8, 0x1A2B3C4DL);
        shb[13] = 1; // version 1.0
        for (int i = 16; i < 24; i++) {
            shb[i] = (byte) 0xFF; // section length unknown
        }
        PcapWriter.putUint32(shb, 24, shb.length);
        this.out.write(shb);
    }

    @Override
    public void write(long timestampNanos, int linkType, int originalLength, byte[] data, int offset, int length)
            throws IOException {
        CaptureWriter.check(timestampNanos, originalLength, length);
        Integer id = interfaceByLinkType.get(linkType);
        if (id == null) {
            id = describeInterface(linkType);
        }
        int padded = (length + 3) & ~3;
        int blockLength = 32 + padded;
        PcapWriter.putUint32(header, 0, ENHANCED_PACKET_BLOCK);
        PcapWriter.putUint32(header, 4, blockLength);
        PcapWriter.putUint32(header, 8, id);
        PcapWriter.putUint32(header, 12, timestampNanos >>> 32);
        PcapWriter.putUint32(header, 16, timestampNanos);
        PcapWriter.putUint32(header, 20, length);
        PcapWriter.putUint32(header, 24, originalLength);
        out.write(header);
        out.write(data, offset, length);
        out.write(PADDING, 0, padded - length);
        PcapWriter.putUint32(trailer, 0, blockLength);
        out.write(trailer);
    }

    private int describeInterface(int linkType) throws IOException {
        CaptureWriter.checkLinkType(linkType);
        int id = interfaceByLinkType.size();
        byte[] idb = new byte[32];
        PcapWriter.putUint32(idb, 0, INTERFACE_DESCRIPTION_BLOCK);
        PcapWriter.putUint32(idb, 4, idb.length);
        idb[8] = (byte) (linkType >>> 8);
        idb[9] = (byte) linkType;
        PcapWriter.putUint32(idb, 12, PcapWriter.SNAP_LENGTH);
        idb[17] = 9; // option if_tsresol, length 1: 10^-9 s
        idb[19] = 1;
        idb[20] = 9;
        // bytes 24..27 stay 0: opt_endofopt
        PcapWriter.putUint32(idb, 28, idb.length);
        out.write(idb);
        interfaceByLinkType.put(linkType, id);
        return id;
    }

    @Override
    public String format() {
        return "pcapng";
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
