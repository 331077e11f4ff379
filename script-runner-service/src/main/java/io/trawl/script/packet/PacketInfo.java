package io.trawl.script.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.packet.PacketRecord;

/**
 * The {@code info} argument of {@code onPacketCaptured(info)}: what a script may know about one packet without
 * its bytes, read-only like an item view.
 *
 * <p>Members: {@code timestamp} (capture time, ms since the epoch, with sub-ms precision as a fraction),
 * {@code captureLength}, {@code length} (on the wire), {@code truncated}, {@code protocol} ({@code "tcp"},
 * {@code "udp"}, {@code "icmp"}, {@code "icmpv6"}, {@code "ip"} for another IP protocol or a later fragment,
 * {@code "link"} for a non-IP frame, {@code "unknown"} when the link type is not decoded), {@code src} and
 * {@code dst} ({@code ip} and {@code port} as text, as in items; empty when the packet has none),
 * {@code node} and {@code interface}.
 */
public final class PacketInfo implements ProxyObject {

    private static final String[] KEYS = {
        "timestamp", "captureLength", "length", "truncated", "protocol", "src", "dst", "node", "interface"};

    private final Map<String, Object> members;

    private PacketInfo(Map<String, Object> members) {
        this.members = members;
    }

    /** Decodes the packet's headers into an info object; never throws on a malformed packet. */
    public static PacketInfo of(PacketRecord packet) {
        DecodedPacket decoded = PacketDecoder.decode(packet.linkType(), packet.data(), new DecodedPacket());
        boolean ip = decoded.layer == DecodedPacket.Layer.NETWORK || decoded.layer == DecodedPacket.Layer.TRANSPORT;
        boolean ports = decoded.layer == DecodedPacket.Layer.TRANSPORT
                && (decoded.protocol == DecodedPacket.TCP || decoded.protocol == DecodedPacket.UDP);
        return new PacketInfo(Map.of(
                "timestamp", packet.timestampNanos() / 1_000_000.0,
                "captureLength", packet.capturedLength(),
                "length", packet.originalLength(),
                "truncated", packet.truncated(),
                "protocol", protocol(decoded),
                "src", endpoint(ip ? address(decoded, decoded.srcAddrOffset) : "", ports ? decoded.srcPort : -1),
                "dst", endpoint(ip ? address(decoded, decoded.dstAddrOffset) : "", ports ? decoded.dstPort : -1),
                "node", packet.node(),
                "interface", packet.iface()));
    }

    private static String protocol(DecodedPacket decoded) {
        return switch (decoded.layer) {
            case NONE -> "unknown";
            case LINK -> "link";
            case NETWORK -> "ip";
            case TRANSPORT -> switch (decoded.protocol) {
                case DecodedPacket.TCP -> "tcp";
                case DecodedPacket.UDP -> "udp";
                case DecodedPacket.ICMP -> "icmp";
                case DecodedPacket.ICMPV6 -> "icmpv6";
                default -> "ip";
            };
        };
    }

    private static String address(DecodedPacket p, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(p.data, offset, offset + p.addressLength()))
                    .getHostAddress();
        } catch (UnknownHostException e) {
            return "";
        }
    }

    private static ProxyObject endpoint(String ip, int port) {
        return new PacketInfo(Map.of("ip", ip, "port", port < 0 ? "" : Integer.toString(port)));
    }

    @Override
    public Object getMember(String key) {
        return members.get(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray((Object[]) (members.size() == KEYS.length ? KEYS : new Object[] {"ip", "port"}));
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("packet info is read-only");
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException("packet info is read-only");
    }
}
