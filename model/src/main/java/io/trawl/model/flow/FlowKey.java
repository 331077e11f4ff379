package io.trawl.model.flow;

import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.packet.Bytes;
import io.trawl.model.packet.LinkType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The canonical key of a conversation: the same for both directions, so both land on the same Kafka partition
 * and one dissector replica owns all of a flow's state.
 *
 * <p>Four kinds, told apart by the first byte of the binary form:
 * <ul>
 *   <li>{@link Kind#IP}: protocol and the two (address, port) endpoints, the lower endpoint first (addresses
 *   compared as unsigned bytes, then ports). ICMP and ICMPv6 echo use the echo identifier as the port of both
 *   endpoints, so each ping session is its own flow; other ICMP messages and protocols without ports use 0.
 *   <pre>[1][ip version][protocol][address A][port A u16][address B][port B u16]</pre>
 *   <li>{@link Kind#IP_FRAGMENT}: every piece of a fragmented datagram, the first included, keyed by protocol
 *   and the address pair without ports (later pieces carry no ports). All pieces of all fragmented datagrams
 *   between two hosts therefore meet on one partition, where they can be reassembled; but that partition may
 *   differ from the one owning the unfragmented packets of the same 5-tuple.
 *   <pre>[2][ip version][protocol][address A][address B]</pre>
 *   <li>{@link Kind#LINK}: a non-IP frame (ARP, LLDP, ...), keyed by EtherType (0xFFFF when the link has none)
 *   and the link-layer addresses in canonical order.
 *   <pre>[3][ethertype u16][length A][address A][length B][address B]</pre>
 *   <li>{@link Kind#UNDECODED}: a frame of a link type Trawl does not decode, or cut short inside its link
 *   header; keyed by link type only.
 *   <pre>[4][link type u16]</pre>
 * </ul>
 * The binary form is the Kafka record key of {@code trawl.packets} and {@code trawl.items}.
 */
public final class FlowKey {

    /** What a key identifies; the code is the first byte of the binary form. */
    public enum Kind {
        IP(1), IP_FRAGMENT(2), LINK(3), UNDECODED(4);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind ofCode(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("flow key kind " + code + " is unknown");
        }
    }

    private final byte[] bytes;
    private final int hash;

    private FlowKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** The key of a decoded packet. */
    public static FlowKey of(DecodedPacket p) {
        return new FlowKey(encode(p));
    }

    /** Reads a key from its binary form, checking that the form is whole. */
    public static FlowKey fromBytes(byte[] bytes) {
        FlowKey key = new FlowKey(bytes.clone());
        key.validate();
        return key;
    }

    /** The binary form of the key of a decoded packet, without building a {@link FlowKey}. */
    public static byte[] encode(DecodedPacket p) {
        return switch (p.layer) {
            case TRANSPORT, NETWORK -> p.fragment ? fragmentKey(p) : ipKey(p);
            case LINK -> linkKey(p);
            case NONE -> new byte[] {(byte) Kind.UNDECODED.code, (byte) (p.linkType >>> 8), (byte) p.linkType};
        };
    }

    private static byte[] ipKey(DecodedPacket p) {
        int alen = p.addressLength();
        int srcPort;
        int dstPort;
        if (p.protocol == DecodedPacket.ICMP || p.protocol == DecodedPacket.ICMPV6) {
            srcPort = dstPort = Math.max(p.icmpEchoId, 0);
        } else {
            srcPort = p.srcPort;
            dstPort = p.dstPort;
        }
        boolean srcFirst = compareEndpoints(p.data, p.srcAddrOffset, srcPort, p.dstAddrOffset, dstPort, alen) <= 0;
        byte[] k = new byte[3 + 2 * (alen + 2)];
        k[0] = (byte) Kind.IP.code;
        k[1] = (byte) p.ipVersion;
        k[2] = (byte) p.protocol;
        int a = srcFirst ? p.srcAddrOffset : p.dstAddrOffset;
        int b = srcFirst ? p.dstAddrOffset : p.srcAddrOffset;
        System.arraycopy(p.data, a, k, 3, alen);
        Bytes.putUint16(k, 3 + alen, srcFirst ? srcPort : dstPort);
        System.arraycopy(p.data, b, k, 5 + alen, alen);
        Bytes.putUint16(k, 5 + 2 * alen, srcFirst ? dstPort : srcPort);
        return k;
    }

    private static byte[] fragmentKey(DecodedPacket p) {
        int alen = p.addressLength();
        boolean srcFirst = compareEndpoints(p.data, p.srcAddrOffset, 0, p.dstAddrOffset, 0, alen) <= 0;
        byte[] k = new byte[3 + 2 * alen];
        k[0] = (byte) Kind.IP_FRAGMENT.code;
        k[1] = (byte) p.ipVersion;
        k[2] = (byte) p.protocol;
        System.arraycopy(p.data, srcFirst ? p.srcAddrOffset : p.dstAddrOffset, k, 3, alen);
        System.arraycopy(p.data, srcFirst ? p.dstAddrOffset : p.srcAddrOffset, k, 3 + alen, alen);
        return k;
    }

    private static byte[] linkKey(DecodedPacket p) {
        boolean srcFirst = Arrays.compareUnsigned(p.data, p.linkSrcOffset, p.linkSrcOffset + p.linkSrcLength,
                p.data, p.linkDstOffset, p.linkDstOffset + p.linkDstLength) <= 0;
        int aOff = srcFirst ? p.linkSrcOffset : p.linkDstOffset;
        int aLen = srcFirst ? p.linkSrcLength : p.linkDstLength;
        int bOff = srcFirst ? p.linkDstOffset : p.linkSrcOffset;
        int bLen = srcFirst ? p.linkDstLength : p.linkSrcLength;
        byte[] k = new byte[5 + aLen + bLen];
        k[0] = (byte) Kind.LINK.code;
        Bytes.putUint16(k, 1, p.etherType < 0 ? 0xFFFF : p.etherType);
        k[3] = (byte) aLen;
        System.arraycopy(p.data, aOff, k, 4, aLen);
        k[4 + aLen] = (byte) bLen;
        System.arraycopy(p.data, bOff, k, 5 + aLen, bLen);
        return k;
    }

    private static int compareEndpoints(byte[] d, int addrA, int portA, int addrB, int portB, int alen) {
        int c = Arrays.compareUnsigned(d, addrA, addrA + alen, d, addrB, addrB + alen);
        return c != 0 ? c : Integer.compare(portA, portB);
    }

    private void validate() {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("flow key is empty");
        }
        Kind kind = Kind.ofCode(bytes[0] & 0xFF);
        int expected = switch (kind) {
            case IP -> bytes.length >= 2 ? 3 + 2 * (addressLength(bytes[1]) + 2) : -1;
            case IP_FRAGMENT -> bytes.length >= 2 ? 3 + 2 * addressLength(bytes[1]) : -1;
            case LINK -> bytes.length >= 4 && bytes.length >= 5 + (bytes[3] & 0xFF)
                    ? 5 + (bytes[3] & 0xFF) + (bytes[4 + (bytes[3] & 0xFF)] & 0xFF) : -1;
            case UNDECODED -> 3;
        };
        if (bytes.length != expected) {
            throw new IllegalArgumentException(
                    "flow key of kind " + kind + " has " + bytes.length + " bytes, expected " + expected);
        }
    }

    private static int addressLength(byte ipVersion) {
        return switch (ipVersion) {
            case 4 -> 4;
            case 6 -> 16;
            default -> throw new IllegalArgumentException("flow key names IP version " + ipVersion);
        };
    }

    public Kind kind() {
        return Kind.ofCode(bytes[0] & 0xFF);
    }

    /** The binary form; a copy. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** IP protocol number for IP keys, else -1. */
    public int protocol() {
        Kind kind = kind();
        return kind == Kind.IP || kind == Kind.IP_FRAGMENT ? bytes[2] & 0xFF : -1;
    }

    /** The lower endpoint's address for IP keys. */
    public InetAddress addressA() {
        requireIp();
        return address(3);
    }

    public InetAddress addressB() {
        requireIp();
        int alen = addressLength(bytes[1]);
        return address(kind() == Kind.IP ? 5 + alen : 3 + alen);
    }

    public int portA() {
        return kind() == Kind.IP ? Bytes.uint16(bytes, 3 + addressLength(bytes[1])) : 0;
    }

    public int portB() {
        return kind() == Kind.IP ? Bytes.uint16(bytes, 5 + 2 * addressLength(bytes[1])) : 0;
    }

    private void requireIp() {
        Kind kind = kind();
        if (kind != Kind.IP && kind != Kind.IP_FRAGMENT) {
            throw new IllegalStateException("a " + kind + " flow key has no IP addresses");
        }
    }

    private InetAddress address(int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, offset, offset + addressLength(bytes[1])));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && hash == k.hash && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** A readable form: {@code tcp 10.0.0.1:443 <-> 10.0.0.2:51234}, {@code frag/udp ...}, {@code link/0x0806 ...}. */
    @Override
    public String toString() {
        return switch (kind()) {
            case IP -> protocolName(protocol()) + " " + endpoint(addressA(), portA()) + " <-> "
                    + endpoint(addressB(), portB());
            case IP_FRAGMENT -> "frag/" + protocolName(protocol()) + " " + addressA().getHostAddress() + " <-> "
                    + addressB().getHostAddress();
            case LINK -> {
                int alen = bytes[3] & 0xFF;
                int blen = bytes[4 + alen] & 0xFF;
                HexFormat hex = HexFormat.ofDelimiter(":");
                yield String.format("link/0x%04x %s <-> %s", Bytes.uint16(bytes, 1),
                        hex.formatHex(bytes, 4, 4 + alen), hex.formatHex(bytes, 5 + alen, 5 + alen + blen));
            }
            case UNDECODED -> "undecoded/" + LinkType.name(Bytes.uint16(bytes, 1));
        };
    }

    private static String endpoint(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The usual lowercase name of an IP protocol number. */
    public static String protocolName(int protocol) {
        return switch (protocol) {
            case DecodedPacket.TCP -> "tcp";
            case DecodedPacket.UDP -> "udp";
            case DecodedPacket.ICMP -> "icmp";
            case DecodedPacket.ICMPV6 -> "icmpv6";
            case 132 -> "sctp";
            case 47 -> "gre";
            case 50 -> "esp";
            default -> "ip" + protocol;
        };
    }
}
