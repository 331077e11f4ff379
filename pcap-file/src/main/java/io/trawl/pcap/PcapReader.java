package io.trawl.pcap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Classic libpcap files: microsecond or nanosecond timestamps, either byte order.
 */
public final class PcapReader implements CaptureFileReader {

    static final long MAGIC_MICROS = 0xA1B2C3D4L;
    static final long MAGIC_NANOS = 0xA1B23C4DL;
    private static final long MAGIC_MICROS_SWAPPED = 0xD4C3B2A1L;
    private static final long MAGIC_NANOS_SWAPPED = 0x4D3CB2A1L;
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final RecordInput in;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final long snapLength;
    private final long maxRecordBytes;

    PcapReader(RecordInput in) throws CaptureFileException {
        this.in = in;
        if (!in.ensure(FILE_HEADER)) {
            throw new CaptureFileException(in.file(), 0, "truncated pcap file header: " + in.available()
                    + " of " + FILE_HEADER + " bytes");
        }
        byte[] b = in.buffer();
        int i = in.index();
        long magic = ByteOrderView.u32(b, i, true);
        bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        nanos = magic == MAGIC_NANOS || magic == MAGIC_NANOS_SWAPPED;
        int major = ByteOrderView.u16(b, i + 4, bigEndian);
        if (major != 2) {
            throw new CaptureFileException(in.file(), 4, "unsupported pcap version " + major + "."
                    + ByteOrderView.u16(b, i + 6, bigEndian) + " (Trawl reads version 2.x)");
        }
        snapLength = ByteOrderView.u32(b, i + 16, bigEndian);
        // Like libpcap: trust the snap length, but never refuse the usual 256 KiB.
        maxRecordBytes = Math.min(Math.max(snapLength, 262_144L), MAX_PACKET_BYTES);
        // The upper bits carry FCS information; the link type is the low 16 bits.
        linkType = (int) (ByteOrderView.u32(b, i + 20, bigEndian) & 0xFFFF);
        in.skip(FILE_HEADER);
    }

    static boolean isMagic(long magic) {
        return magic == MAGIC_MICROS || magic == MAGIC_NANOS || magic == MAGIC_MICROS_SWAPPED
                || magic == MAGIC_NANOS_SWAPPED;
    }

    @Override
    public boolean next(FilePacket into) throws CaptureFileException {
        if (in.atEnd()) {
            return false;
        }
        long recordOffset = in.position();
        if (!in.ensure(RECORD_HEADER)) {
            throw new CaptureFileException(in.file(), recordOffset, "truncated capture: the file ends inside a "
                    + "packet record header (" + in.available() + " of " + RECORD_HEADER + " bytes)");
        }
        byte[] b = in.buffer();
        int i = in.index();
        long seconds = ByteOrderView.u32(b, i, bigEndian);
        long fraction = ByteOrderView.u32(b, i + 4, bigEndian);
        long captured = ByteOrderView.u32(b, i + 8, bigEndian);
        long original = ByteOrderView.u32(b, i + 12, bigEndian);
        if (captured > maxRecordBytes) {
            throw new CaptureFileException(in.file(), recordOffset, "damaged packet record: it claims "
                    + captured + " captured bytes, more than the " + maxRecordBytes + " the file's snap length ("
                    + snapLength + ") allows");
        }
        int length = (int) captured;
        if (!in.ensure(RECORD_HEADER + length)) {
            throw new CaptureFileException(in.file(), recordOffset, "truncated capture: the file ends inside a "
                    + "packet record (" + length + " bytes declared, " + (in.available() - RECORD_HEADER)
                    + " present)");
        }
        // An out-of-range fraction is carried into the seconds, as libpcap and Wireshark read it.
        into.timestampNanos = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000L);
        into.linkType = linkType;
        into.originalLength = (int) Math.min(Integer.MAX_VALUE, Math.max(original, captured));
        into.buffer = in.buffer();
        into.offset = in.index() + RECORD_HEADER;
        into.length = length;
        into.interfaceId = 0;
        into.interfaceName = null;
        into.fileOffset = recordOffset;
        in.skip(RECORD_HEADER + length);
        return true;
    }

    @Override
    public String format() {
        return "pcap";
    }

    @Override
    public Path file() {
        return in.file();
    }

    public int linkType() {
        return linkType;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
