package io.trawl.pcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng files: any number of sections in either byte order, several interfaces per section with their own
 * link types and timestamp resolutions ({@code if_tsresol}, {@code if_tsoffset}), enhanced, simple and
 * obsolete packet blocks. Other blocks (name resolution, statistics, custom, ...) are skipped.
 */
public final class PcapngReader implements CaptureFileReader {

    static final long SECTION_HEADER_BLOCK = 0x0A0D0D0AL;
    private static final long INTERFACE_DESCRIPTION_BLOCK = 1;
    private static final long OBSOLETE_PACKET_BLOCK = 2;
    private static final long SIMPLE_PACKET_BLOCK = 3;
    private static final long ENHANCED_PACKET_BLOCK = 6;
    private static final long BYTE_ORDER_MAGIC = 0x1A2B3C4DL;
    private static final int OPT_END = 0;
    private static final int IF_NAME = 2;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;

    private final RecordInput in;
    private boolean bigEndian;
    private final List<Interface> interfaces = new ArrayList<>();

    private record Interface(int linkType, long snapLength, String name, int resolution, boolean binary,
                             long offsetSeconds) {
        long toNanos(long units) {
            long seconds;
            long nanos;
            if (binary) {
                seconds = resolution >= 64 ? 0 : units >>> resolution;
                long fraction = resolution >= 64 ? units : units & ((1L << resolution) - 1);
                nanos = Math.unsignedMultiplyHigh(fraction << (64 - resolution), 1_000_000_000L);
            } else if (resolution <= 9) {
                long perSecond = POW10[resolution];
                seconds = Long.divideUnsigned(units, perSecond);
                nanos = Long.remainderUnsigned(units, perSecond) * POW10[9 - resolution];
            } else {
                long perSecond = POW10[Math.min(resolution, 18)];
                seconds = Long.divideUnsigned(units, perSecond);
                nanos = Long.remainderUnsigned(units, perSecond) / POW10[Math.min(resolution, 18) - 9];
            }
            return (seconds + offsetSeconds) * 1_000_000_000L + nanos;
        }
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    PcapngReader(RecordInput in) {
        this.in = in;
    }

    @Override
    public boolean next(FilePacket into) throws CaptureFileException {
        while (true) {
            if (in.atEnd()) {
                return false;
            }
            long blockOffset = in.position();
            if (!in.ensure(12)) {
                throw truncated(blockOffset, "block header", 12);
            }
            byte[] b = in.buffer();
            int i = in.index();
            long type = ByteOrderView.u32(b, i, bigEndian);
            if (type == SECTION_HEADER_BLOCK) {
                readSectionHeader(blockOffset);
                continue;
            }
            long total = ByteOrderView.u32(b, i + 4, bigEndian);
            if (total < 12 || total % 4 != 0 || total > MAX_PACKET_BYTES + 64L) {
                throw new CaptureFileException(in.file(), blockOffset, "damaged pcapng block: total length "
                        + total + " is not a multiple of 4 between 12 and " + (MAX_PACKET_BYTES + 64));
            }
            int length = (int) total;
            if (!in.ensure(length)) {
                throw truncated(blockOffset, "pcapng block of type " + type, length);
            }
            b = in.buffer();
            i = in.index();
            long trailer = ByteOrderView.u32(b, i + length - 4, bigEndian);
            if (trailer != total) {
                throw new CaptureFileException(in.file(), blockOffset, "damaged pcapng block: leading length "
                        + total + " and trailing length " + trailer + " differ");
            }
            boolean packet = switch ((int) type) {
                case (int) INTERFACE_DESCRIPTION_BLOCK -> {
                    readInterface(b, i, length, blockOffset);
                    yield false;
                }
                case (int) ENHANCED_PACKET_BLOCK -> timestamped(b, i, length, blockOffset, into, false);
                case (int) SIMPLE_PACKET_BLOCK -> simple(b, i, length, blockOffset, into);
                case (int) OBSOLETE_PACKET_BLOCK -> timestamped(b, i, length, blockOffset, into, true);
                default -> false;
            };
            in.skip(length);
            if (packet) {
                return true;
            }
        }
    }

    private void readSectionHeader(long blockOffset) throws CaptureFileException {
        if (!in.ensure(24)) {
            throw truncated(blockOffset, "section header block", 24);
        }
        byte[] b = in.buffer();
        int i = in.index();
        long magic = ByteOrderView.u32(b, i + 8, true);
        if (magic == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (magic == Long.reverseBytes(BYTE_ORDER_MAGIC) >>> 32) {
            bigEndian = false;
        } else {
            throw new CaptureFileException(in.file(), blockOffset, "damaged pcapng section header: byte-order "
                    + "magic is 0x" + Long.toHexString(magic) + ", not 0x1a2b3c4d in either byte order");
        }
        int major = ByteOrderView.u16(b, i + 12, bigEndian);
        int minor = ByteOrderView.u16(b, i + 14, bigEndian);
        if (major != 1) {
            throw new CaptureFileException(in.file(), blockOffset, "unsupported pcapng section version " + major
                    + "." + minor + " (Trawl reads version 1.x)");
        }
        long total = ByteOrderView.u32(b, i + 4, bigEndian);
        if (total < 28 || total % 4 != 0 || total > 1 << 20) {
            throw new CaptureFileException(in.file(), blockOffset, "damaged pcapng section header: total length "
                    + total);
        }
        if (!in.ensure((int) total)) {
            throw truncated(blockOffset, "section header block", (int) total);
        }
        interfaces.clear();
        in.skip((int) total);
    }

    private void readInterface(byte[] b, int i, int length, long blockOffset) throws CaptureFileException {
        if (length < 20) {
            throw new CaptureFileException(in.file(), blockOffset, "damaged interface description block: "
                    + length + " bytes");
        }
        int linkType = ByteOrderView.u16(b, i + 8, bigEndian);
        long snapLength = ByteOrderView.u32(b, i + 12, bigEndian);
        String name = null;
        int resolution = 6;
        boolean binary = false;
        long offsetSeconds = 0;
        int pos = i + 16;
        int end = i + length - 4;
        while (pos + 4 <= end) {
            int code = ByteOrderView.u16(b, pos, bigEndian);
            int optionLength = ByteOrderView.u16(b, pos + 2, bigEndian);
            int value = pos + 4;
            if (code == OPT_END || value + optionLength > end) {
                break;
            }
            switch (code) {
                case IF_NAME -> name = new String(b, value, optionLength, StandardCharsets.UTF_8).replace("\0", "");
                case IF_TSRESOL -> {
                    if (optionLength >= 1) {
                        binary = (b[value] & 0x80) != 0;
                        resolution = b[value] & 0x7F;
                    }
                }
                case IF_TSOFFSET -> {
                    if (optionLength >= 8) {
                        long high = ByteOrderView.u32(b, value, bigEndian);
                        long low = ByteOrderView.u32(b, value + 4, bigEndian);
                        offsetSeconds = bigEndian ? (high << 32) | low : (low << 32) | high;
                    }
                }
                default -> {
                    // other options carry nothing Trawl needs
                }
            }
            pos = value + ((optionLength + 3) & ~3);
        }
        if ((binary && resolution > 63) || (!binary && resolution > 18)) {
            throw new CaptureFileException(in.file(), blockOffset, "unsupported if_tsresol " + (binary ? "2^-" : "10^-")
                    + resolution);
        }
        interfaces.add(new Interface(linkType, snapLength, name, resolution, binary, offsetSeconds));
    }

    private Interface iface(long id, long blockOffset) throws CaptureFileException {
        if (id >= interfaces.size()) {
            throw new CaptureFileException(in.file(), blockOffset, "packet block names interface " + id
                    + " but the section describes " + interfaces.size());
        }
        return interfaces.get((int) id);
    }

    /**
     * An enhanced packet block, or the obsolete packet block it replaced: both carry the interface, a 64-bit
     * timestamp, captured and original lengths at the same offsets; the obsolete block's interface id is 16 bits
     * (followed by a drops count), the enhanced block's 32.
     */
    private boolean timestamped(byte[] b, int i, int length, long blockOffset, FilePacket into, boolean obsolete)
            throws CaptureFileException {
        String what = obsolete ? "packet block" : "enhanced packet block";
        if (length < 32) {
            throw new CaptureFileException(in.file(), blockOffset, "damaged " + what + ": " + length + " bytes");
        }
        long id = obsolete ? ByteOrderView.u16(b, i + 8, bigEndian) : ByteOrderView.u32(b, i + 8, bigEndian);
        Interface iface = iface(id, blockOffset);
        long units = (ByteOrderView.u32(b, i + 12, bigEndian) << 32) | ByteOrderView.u32(b, i + 16, bigEndian);
        long captured = ByteOrderView.u32(b, i + 20, bigEndian);
        long original = ByteOrderView.u32(b, i + 24, bigEndian);
        if (captured > length - 32) {
            throw new CaptureFileException(in.file(), blockOffset, "damaged " + what + ": "
                    + captured + " captured bytes do not fit in a block of " + length);
        }
        fill(into, iface, (int) id, iface.toNanos(units), i + 28, (int) captured, original, blockOffset);
        return true;
    }

    private boolean simple(byte[] b, int i, int length, long blockOffset, FilePacket into)
            throws CaptureFileException {
        if (length < 16) {
            throw new CaptureFileException(in.file(), blockOffset, "damaged simple packet block: " + length + " bytes");
        }
        Interface iface = iface(0, blockOffset);
        long original = ByteOrderView.u32(b, i + 8, bigEndian);
        long captured = Math.min(original, length - 16);
        if (iface.snapLength() > 0) {
            captured = Math.min(captured, iface.snapLength());
        }
        // Simple packet blocks carry no timestamp.
        fill(into, iface, 0, 0, i + 12, (int) captured, original, blockOffset);
        return true;
    }

    private void fill(FilePacket into, Interface iface, int id, long nanos, int dataIndex, int captured,
                      long original, long blockOffset) {
        into.timestampNanos = nanos;
        into.linkType = iface.linkType();
        into.originalLength = (int) Math.min(Integer.MAX_VALUE, Math.max(original, captured));
        into.buffer = in.buffer();
        into.offset = dataIndex;
        into.length = captured;
        into.interfaceId = id;
        into.interfaceName = iface.name();
        into.fileOffset = blockOffset;
    }

    private CaptureFileException truncated(long blockOffset, String what, int needed) {
        return new CaptureFileException(in.file(), blockOffset, "truncated capture: the file ends inside a "
                + what + " (" + needed + " bytes declared, " + in.available() + " present)");
    }

    @Override
    public String format() {
        return "pcapng";
    }

    @Override
    public Path file() {
        return in.file();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
