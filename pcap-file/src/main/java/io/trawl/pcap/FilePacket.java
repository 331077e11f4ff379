package io.trawl.pcap;

/**
 * One packet read from a capture file. Reused between calls to {@link CaptureFileReader#next}: the bytes lie in
 * the reader's buffer at {@code offset} and are valid only until the next call. Copy what you keep.
 */
public final class FilePacket {
    public long timestampNanos;
    public int linkType;
    public int originalLength;
    public byte[] buffer;
    public int offset;
    public int length;
    /** The pcapng interface the packet was captured on; 0 for classic pcap. */
    public int interfaceId;
    /** The interface's name from pcapng's {@code if_name} option, or null. */
    public String interfaceName;
    /** Byte offset of this packet's record in the file, for error messages. */
    public long fileOffset;
}
