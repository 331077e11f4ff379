package io.trawl.pcap;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes packets to a capture file that Wireshark, tshark and tcpdump open: classic pcap ({@link PcapWriter}) for
 * packets of one link type, pcapng ({@link PcapngWriter}) for packets of several. Timestamps are kept to the
 * nanosecond. Not thread-safe.
 */
public sealed interface CaptureWriter extends Closeable permits PcapWriter, PcapngWriter {

    /**
     * Appends one packet.
     *
     * @param timestampNanos capture time, nanoseconds since the epoch; not before 1970
     * @param linkType       LINKTYPE_ value of the link header at the start of the captured bytes
     * @param originalLength length on the wire, at least {@code length}
     * @throws IllegalArgumentException when the packet cannot be written in this format (a classic pcap file
     *                                  holds packets of one link type only)
     */
    void write(long timestampNanos, int linkType, int originalLength, byte[] data, int offset, int length)
            throws IOException;

    /** {@code pcap} or {@code pcapng}. */
    String format();

    /** Flushes what is buffered and closes the underlying stream. */
    @Override
    void close() throws IOException;

    /** Checks that {@code linkType} fits the 16 bits every format gives it. */
    static void checkLinkType(int linkType) {
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("link type " + linkType + " is outside 0..65535");
        }
    }

    /** Checks what every format requires of a packet. */
    static void check(long timestampNanos, int originalLength, int length) {
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("capture time " + timestampNanos
                    + " ns is before 1970; capture files count time from the epoch");
        }
        if (originalLength < length) {
            throw new IllegalArgumentException(
                    "original length " + originalLength + " is smaller than the " + length + " captured bytes");
        }
    }
}
