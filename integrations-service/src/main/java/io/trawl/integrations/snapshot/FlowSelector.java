package io.trawl.integrations.snapshot;

import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.model.flow.FlowKey;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One flow a snapshot asks for, in any of the forms a script has at hand:
 * <ul>
 *   <li>a flow key as {@link FlowKey#toString()} writes it, either direction: {@code tcp 10.0.0.1:443 <-> 10.0.0.2:51234},
 *   {@code udp [fd00::1]:53 <-> [fd00::2]:40000}, {@code frag/udp 10.0.0.1 <-> 10.0.0.2};</li>
 *   <li>an item's {@code stream}, {@code tcp-<12 hex digits>-<start ns>}: the hex digits are the start of the
 *   SHA-256 of the flow key, so every packet of the item's conversation matches;</li>
 *   <li>the flow key's binary form in hex, for any kind of key (link-layer, undecoded).</li>
 * </ul>
 */
final class FlowSelector {

    private static final Pattern READABLE = Pattern.compile("(frag/)?([a-z0-9]+) (\\S+) <-> (\\S+)");
    private static final Pattern STREAM = Pattern.compile("(?:tcp|udp)-([0-9a-f]{12})-\\d+");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern ENDPOINT = Pattern.compile("(?:\\[([0-9a-fA-F:.]+)]|([0-9.]+)):(\\d{1,5})");

    private final ByteBuffer key;
    private final String streamHash;

    private FlowSelector(ByteBuffer key, String streamHash) {
        this.key = key;
        this.streamHash = streamHash;
    }

    /** @throws IllegalArgumentException saying which forms are accepted */
    static FlowSelector parse(String flow) {
        String text = flow.strip();
        Matcher stream = STREAM.matcher(text);
        if (stream.matches()) {
            return new FlowSelector(null, stream.group(1));
        }
        try {
            Matcher readable = READABLE.matcher(text);
            if (readable.matches()) {
                return new FlowSelector(ByteBuffer.wrap(readableKey(readable)), null);
            }
            if (HEX.matcher(text).matches()) {
                return new FlowSelector(ByteBuffer.wrap(FlowKey.fromBytes(HexFormat.of().parseHex(text)).toBytes()),
                        null);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + flow + "' is not a flow: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("'" + flow + "' is not a flow: give a flow key such as "
                + "'tcp 10.0.0.1:443 <-> 10.0.0.2:51234', an item's stream such as 'tcp-0123456789ab-1700000000000000000',"
                + " or a flow key's binary form in hex");
    }

    boolean matches(byte[] flowKey, String flowKeyHash) {
        return key != null ? key.equals(ByteBuffer.wrap(flowKey)) : streamHash.equals(flowKeyHash);
    }

    boolean needsHash() {
        return streamHash != null;
    }

    /** The first 6 bytes of the key's SHA-256 in hex, as item streams carry it. */
    static String hash(byte[] flowKey) {
        return HexFormat.of().formatHex(EvidenceContent.sha256().digest(flowKey), 0, 6);
    }

    private static byte[] readableKey(Matcher m) {
        boolean fragment = m.group(1) != null;
        int protocol = protocolNumber(m.group(2));
        Endpoint a = endpoint(m.group(3), fragment);
        Endpoint b = endpoint(m.group(4), fragment);
        if (a.address.length != b.address.length) {
            throw new IllegalArgumentException("its two addresses are of different IP versions");
        }
        int c = Arrays.compareUnsigned(a.address, b.address);
        if (c > 0 || c == 0 && a.port > b.port) {
            Endpoint swap = a;
            a = b;
            b = swap;
        }
        int alen = a.address.length;
        ByteBuffer key = ByteBuffer.allocate(fragment ? 3 + 2 * alen : 3 + 2 * (alen + 2));
        key.put((byte) (fragment ? 2 : 1)).put((byte) (alen == 4 ? 4 : 6)).put((byte) protocol).put(a.address);
        if (!fragment) {
            key.putShort((short) a.port);
        }
        key.put(b.address);
        if (!fragment) {
            key.putShort((short) b.port);
        }
        return FlowKey.fromBytes(key.array()).toBytes();
    }

    private record Endpoint(byte[] address, int port) {
    }

    private static Endpoint endpoint(String text, boolean fragment) {
        if (fragment) {
            return new Endpoint(Addresses.parse(text).getAddress(), 0);
        }
        Matcher m = ENDPOINT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("endpoint '" + text + "' is not address:port ([address]:port for IPv6)");
        }
        int port = Integer.parseInt(m.group(3));
        if (port > 65535) {
            throw new IllegalArgumentException("port " + port + " is above 65535");
        }
        InetAddress address = Addresses.parse(m.group(1) != null ? m.group(1) : m.group(2));
        return new Endpoint(address.getAddress(), port);
    }

    private static int protocolNumber(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            case "icmpv6" -> 58;
            case "sctp" -> 132;
            case "gre" -> 47;
            case "esp" -> 50;
            default -> {
                if (name.startsWith("ip") && name.length() > 2 && name.substring(2).chars().allMatch(Character::isDigit)
                        && Integer.parseInt(name.substring(2)) <= 255) {
                    yield Integer.parseInt(name.substring(2));
                }
                throw new IllegalArgumentException("protocol '" + name
                        + "' is not one of tcp, udp, icmp, icmpv6, sctp, gre, esp or ip<number>");
            }
        };
    }
}
