package io.trawl.model.decode;

/**
 * The link, network and transport headers of one packet, as offsets into the captured bytes.
 *
 * <p>Mutable and reused: {@link PacketDecoder#decode} overwrites every field, so a hot loop decodes millions
 * of packets without allocating. Copy what you keep. Offsets are absolute indexes into {@link #data}.
 */
public final class DecodedPacket {

    /** How far decoding got. */
    public enum Layer {
        /** The link type is not one Trawl decodes, or the link header is cut short. */
        NONE,
        /** A link-layer frame that carries something other than IP (ARP, LLDP, ...). */
        LINK,
        /** IP, but no transport header: a later fragment, an unknown protocol, or a cut-short header. */
        NETWORK,
        /** IP with a complete TCP, UDP, ICMP or ICMPv6 header. */
        TRANSPORT
    }

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;

    public byte[] data;
    public int linkType;
    public Layer layer;

    /** EtherType of the link payload (0x0800, 0x86DD, 0x0806, ...), or -1 when the link has none. */
    public int etherType;
    /** Offset and length of the link-layer source address (MAC), or length 0 when there is none. */
    public int linkSrcOffset;
    public int linkSrcLength;
    public int linkDstOffset;
    public int linkDstLength;

    /** 4 or 6 when {@link #layer} is NETWORK or TRANSPORT. */
    public int ipVersion;
    public int ipOffset;
    public int srcAddrOffset;
    public int dstAddrOffset;
    /** Transport protocol number (the last IPv6 next header). */
    public int protocol;
    /** Whether this is a piece of a fragmented IP datagram (the first piece included). */
    public boolean fragment;
    public int fragmentOffset;
    public boolean moreFragments;
    public long fragmentId;
    /** IPv6 only: where the fragment header starts, and the offset of the next-header field that names it. */
    public int fragmentHeaderOffset;
    public int fragmentNextHeaderField;
    /** End of the IP datagram within {@link #data}: link trailers and padding lie beyond it. */
    public int ipEnd;

    public int transportOffset;
    public int srcPort;
    public int dstPort;
    public long tcpSeq;
    public long tcpAck;
    public int tcpFlags;
    public int icmpType;
    public int icmpCode;
    /** The identifier of an ICMP echo request or reply, else -1. */
    public int icmpEchoId;

    public int payloadOffset;
    public int payloadLength;

    public int addressLength() {
        return ipVersion == 6 ? 16 : 4;
    }

    void reset(byte[] data, int linkType) {
        this.data = data;
        this.linkType = linkType;
        layer = Layer.NONE;
        etherType = -1;
        linkSrcOffset = linkSrcLength = linkDstOffset = linkDstLength = 0;
        ipVersion = ipOffset = srcAddrOffset = dstAddrOffset = protocol = 0;
        fragment = moreFragments = false;
        fragmentOffset = 0;
        fragmentId = 0;
        fragmentHeaderOffset = fragmentNextHeaderField = 0;
        ipEnd = 0;
        transportOffset = srcPort = dstPort = tcpFlags = icmpType = icmpCode = 0;
        tcpSeq = tcpAck = 0;
        icmpEchoId = -1;
        payloadOffset = payloadLength = 0;
    }
}
