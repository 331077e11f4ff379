package io.trawl.model.packet;

/**
 * The link-layer header types Trawl decodes, as LINKTYPE_ values of the pcap and pcapng formats.
 *
 * <p>Packets of any other link type are still captured, published and kept as evidence; they get the
 * {@link io.trawl.model.flow.FlowKey.Kind#UNDECODED} flow key.
 */
public final class LinkType {

    /** BSD loopback: a 4-byte address family in the byte order of the machine that captured. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** Raw IP, version taken from the first nibble. */
    public static final int RAW = 101;
    /** OpenBSD loopback: a 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /** A short human name for a link type, for logs and errors. */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL";
            case ETHERNET -> "ETHERNET";
            case RAW -> "RAW";
            case LOOP -> "LOOP";
            case LINUX_SLL -> "LINUX_SLL";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "LINKTYPE_" + linkType;
        };
    }

    /** Whether {@link io.trawl.model.decode.PacketDecoder} understands this link type. */
    public static boolean isDecoded(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }
}
