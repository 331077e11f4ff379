package io.trawl.model.decode;

import io.trawl.model.packet.Bytes;
import io.trawl.model.packet.LinkType;

/**
 * Decodes link, IP and transport headers without allocating.
 *
 * <p>Understands Ethernet (with any number of 802.1Q/802.1ad tags), Linux cooked capture v1 and v2, BSD and
 * OpenBSD loopback, and raw IP; IPv4 (options, fragments) and IPv6 (extension headers, the fragment header);
 * TCP, UDP, ICMP and ICMPv6. A packet cut short or malformed at some layer is decoded up to the last layer
 * that was whole: this never throws on any input.
 */
public final class PacketDecoder {

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int MAX_VLAN_TAGS = 8;
    private static final int MAX_IPV6_EXTENSION_HEADERS = 16;

    private PacketDecoder() {
    }

    /** Decodes the headers of {@code data}, captured with link type {@code linkType}, into {@code out}. */
    public static DecodedPacket decode(int linkType, byte[] data, DecodedPacket out) {
        return decode(linkType, data, 0, data.length, out);
    }

    /**
     * Decodes the packet in {@code data[offset, offset + length)}; the offsets in {@code out} index {@code data}.
     */
    public static DecodedPacket decode(int linkType, byte[] data, int offset, int length, DecodedPacket out) {
        out.reset(data, linkType);
        int off = offset;
        int end = offset + length;
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(data, off, end, out);
            case LinkType.LINUX_SLL -> sll(data, off, end, out);
            case LinkType.LINUX_SLL2 -> sll2(data, off, end, out);
            case LinkType.NULL -> loopback(data, off, end, out, false);
            case LinkType.LOOP -> loopback(data, off, end, out, true);
            case LinkType.RAW -> rawIp(data, off, end, out);
            case LinkType.IPV4 -> network(ETHERTYPE_IPV4, data, off, end, out);
            case LinkType.IPV6 -> network(ETHERTYPE_IPV6, data, off, end, out);
            default -> {
                // unknown link type: layer stays NONE
            }
        }
        return out;
    }

    private static void ethernet(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 14) {
            return;
        }
        out.linkDstOffset = off;
        out.linkDstLength = 6;
        out.linkSrcOffset = off + 6;
        out.linkSrcLength = 6;
        int pos = off + 12;
        int type = Bytes.uint16(b, pos);
        pos += 2;
        for (int tags = 0; isVlanTag(type) && tags < MAX_VLAN_TAGS; tags++) {
            if (end - pos < 4) {
                out.etherType = type;
                out.layer = DecodedPacket.Layer.LINK;
                return;
            }
            type = Bytes.uint16(b, pos + 2);
            pos += 4;
        }
        linkPayload(type, b, pos, end, out);
    }

    private static boolean isVlanTag(int type) {
        return type == 0x8100 || type == 0x88A8 || type == 0x9100;
    }

    private static void sll(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 16) {
            return;
        }
        int addressLength = Math.min(Bytes.uint16(b, off + 4), 8);
        out.linkSrcOffset = off + 6;
        out.linkSrcLength = addressLength;
        linkPayload(Bytes.uint16(b, off + 14), b, off + 16, end, out);
    }

    private static void sll2(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 20) {
            return;
        }
        int addressLength = Math.min(b[off + 11] & 0xFF, 8);
        out.linkSrcOffset = off + 12;
        out.linkSrcLength = addressLength;
        linkPayload(Bytes.uint16(b, off), b, off + 20, end, out);
    }

    private static void loopback(byte[] b, int off, int end, DecodedPacket out, boolean networkOrder) {
        if (end - off < 4) {
            return;
        }
        long family;
        if (networkOrder) {
            family = Bytes.uint32(b, off);
        } else {
            // DLT_NULL is in the capturing host's byte order; families are small, so the non-zero end tells.
            family = b[off] != 0 ? Bytes.uint32le(b, off) : Bytes.uint32(b, off);
        }
        if (family == 2) {
            network(ETHERTYPE_IPV4, b, off + 4, end, out);
        } else if (family == 10 || family == 24 || family == 28 || family == 30) {
            network(ETHERTYPE_IPV6, b, off + 4, end, out);
        } else {
            out.layer = DecodedPacket.Layer.LINK;
            out.etherType = -1;
        }
    }

    private static void rawIp(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 1) {
            return;
        }
        int version = (b[off] & 0xF0) >>> 4;
        network(version == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, b, off, end, out);
    }

    private static void linkPayload(int etherType, byte[] b, int off, int end, DecodedPacket out) {
        out.etherType = etherType;
        out.layer = DecodedPacket.Layer.LINK;
        if (etherType == ETHERTYPE_IPV4 || etherType == ETHERTYPE_IPV6) {
            network(etherType, b, off, end, out);
        }
    }

    private static void network(int etherType, byte[] b, int off, int end, DecodedPacket out) {
        out.etherType = etherType;
        out.layer = DecodedPacket.Layer.LINK;
        if (etherType == ETHERTYPE_IPV4) {
            ipv4(b, off, end, out);
        } else {
            ipv6(b, off, end, out);
        }
    }

    private static void ipv4(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 20 || (b[off] & 0xF0) != 0x40) {
            return;
        }
        int headerLength = (b[off] & 0x0F) * 4;
        int totalLength = Bytes.uint16(b, off + 2);
        if (headerLength < 20 || end - off < headerLength) {
            return;
        }
        out.layer = DecodedPacket.Layer.NETWORK;
        out.ipVersion = 4;
        out.ipOffset = off;
        out.srcAddrOffset = off + 12;
        out.dstAddrOffset = off + 16;
        out.protocol = b[off + 9] & 0xFF;
        int flagsAndOffset = Bytes.uint16(b, off + 6);
        out.moreFragments = (flagsAndOffset & 0x2000) != 0;
        out.fragmentOffset = (flagsAndOffset & 0x1FFF) * 8;
        out.fragment = out.moreFragments || out.fragmentOffset != 0;
        out.fragmentId = Bytes.uint16(b, off + 4);
        // Trust the total length only when it is sane: TSO captures carry 0, padding follows short datagrams.
        int datagramEnd = totalLength >= headerLength ? Math.min(end, off + totalLength) : end;
        out.ipEnd = datagramEnd;
        if (out.fragmentOffset != 0) {
            out.payloadOffset = off + headerLength;
            out.payloadLength = datagramEnd - out.payloadOffset;
            return;
        }
        transport(b, off + headerLength, datagramEnd, out);
    }

    private static void ipv6(byte[] b, int off, int end, DecodedPacket out) {
        if (end - off < 40 || (b[off] & 0xF0) != 0x60) {
            return;
        }
        out.layer = DecodedPacket.Layer.NETWORK;
        out.ipVersion = 6;
        out.ipOffset = off;
        out.srcAddrOffset = off + 8;
        out.dstAddrOffset = off + 24;
        int payloadLength = Bytes.uint16(b, off + 4);
        // A zero payload length means a jumbogram or a TSO capture: the datagram runs to the end.
        int datagramEnd = payloadLength == 0 ? end : Math.min(end, off + 40 + payloadLength);
        out.ipEnd = datagramEnd;
        int next = b[off + 6] & 0xFF;
        int nextField = off + 6;
        int pos = off + 40;
        for (int n = 0; n < MAX_IPV6_EXTENSION_HEADERS; n++) {
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> { // hop-by-hop, routing, destination, mobility, HIP, shim6
                    if (datagramEnd - pos < 8) {
                        out.protocol = next;
                        return;
                    }
                    int length = ((b[pos + 1] & 0xFF) + 1) * 8;
                    next = b[pos] & 0xFF;
                    nextField = pos;
                    pos += length;
                }
                case 44 -> { // fragment
                    if (datagramEnd - pos < 8) {
                        out.protocol = next;
                        return;
                    }
                    int offsetAndFlags = Bytes.uint16(b, pos + 2);
                    out.fragmentOffset = offsetAndFlags & 0xFFF8;
                    out.moreFragments = (offsetAndFlags & 1) != 0;
                    out.fragment = true;
                    out.fragmentId = Bytes.uint32(b, pos + 4);
                    out.fragmentHeaderOffset = pos;
                    out.fragmentNextHeaderField = nextField;
                    next = b[pos] & 0xFF;
                    nextField = pos;
                    pos += 8;
                }
                case 51 -> { // authentication header: length in 4-byte units, minus 2
                    if (datagramEnd - pos < 8) {
                        out.protocol = next;
                        return;
                    }
                    int length = ((b[pos + 1] & 0xFF) + 2) * 4;
                    next = b[pos] & 0xFF;
                    nextField = pos;
                    pos += length;
                }
                default -> {
                    out.protocol = next;
                    if (pos > datagramEnd) {
                        return;
                    }
                    if (out.fragmentOffset != 0) {
                        out.payloadOffset = pos;
                        out.payloadLength = datagramEnd - pos;
                        return;
                    }
                    transport(b, pos, datagramEnd, out);
                    return;
                }
            }
        }
        out.protocol = next;
    }

    private static void transport(byte[] b, int off, int end, DecodedPacket out) {
        out.transportOffset = off;
        out.payloadOffset = off;
        out.payloadLength = Math.max(0, end - off);
        int available = end - off;
        switch (out.protocol) {
            case DecodedPacket.TCP -> {
                if (available < 20) {
                    return;
                }
                int headerLength = ((b[off + 12] & 0xF0) >>> 4) * 4;
                if (headerLength < 20 || headerLength > available) {
                    return;
                }
                out.srcPort = Bytes.uint16(b, off);
                out.dstPort = Bytes.uint16(b, off + 2);
                out.tcpSeq = Bytes.uint32(b, off + 4);
                out.tcpAck = Bytes.uint32(b, off + 8);
                out.tcpFlags = Bytes.uint16(b, off + 12) & 0x01FF;
                setPayload(off + headerLength, end, out);
            }
            case DecodedPacket.UDP -> {
                if (available < 8) {
                    return;
                }
                out.srcPort = Bytes.uint16(b, off);
                out.dstPort = Bytes.uint16(b, off + 2);
                int udpLength = Bytes.uint16(b, off + 4);
                int udpEnd = udpLength >= 8 && !out.fragment ? Math.min(end, off + udpLength) : end;
                setPayload(off + 8, udpEnd, out);
            }
            case DecodedPacket.ICMP, DecodedPacket.ICMPV6 -> {
                if (available < 4) {
                    return;
                }
                out.icmpType = b[off] & 0xFF;
                out.icmpCode = b[off + 1] & 0xFF;
                boolean echo = out.protocol == DecodedPacket.ICMP
                        ? out.icmpType == 0 || out.icmpType == 8
                        : out.icmpType == 128 || out.icmpType == 129;
                if (echo && available >= 8) {
                    out.icmpEchoId = Bytes.uint16(b, off + 4);
                }
                setPayload(off + Math.min(available, 8), end, out);
            }
            default -> {
                // another transport: NETWORK layer with the payload after the IP header
            }
        }
    }

    private static void setPayload(int payloadStart, int end, DecodedPacket out) {
        out.layer = DecodedPacket.Layer.TRANSPORT;
        out.payloadOffset = payloadStart;
        out.payloadLength = Math.max(0, end - payloadStart);
    }
}
