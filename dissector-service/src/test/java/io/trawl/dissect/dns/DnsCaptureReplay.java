package io.trawl.dissect.dns;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.stream.Direction;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plays a capture through {@link DnsDissector} the way the dissector service will, for tests: a flow per
 * 5-tuple on port 53, IPv4 fragments put back together, TCP payloads joined per direction in capture order
 * (the captures used are clean; repeated bytes are dropped by sequence number, holes become gaps). It also
 * frames and parses every DNS message on its own, by frame number, for comparison with tshark.
 */
final class DnsCaptureReplay {

    /** One DNS message, or the reason it could not be read, and the frame in which it was complete. */
    record FrameMessage(int frame, DnsMessage message, DnsFormatException error) {
    }

    static final String NODE = "golden";
    private static final int DNS_PORT = 53;

    private final DissectorLimits limits;
    private final List<Item> items = new ArrayList<>();
    private final List<FrameMessage> messages = new ArrayList<>();
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final Map<String, TreeMap<Integer, byte[]>> fragments = new LinkedHashMap<>();
    private final Map<String, Integer> fragmentEnds = new LinkedHashMap<>();
    private int frameNumber;

    private DnsCaptureReplay(DissectorLimits limits) {
        this.limits = limits;
    }

    static DnsCaptureReplay run(Path capture, DissectorLimits limits) throws IOException {
        DnsCaptureReplay replay = new DnsCaptureReplay(limits);
        DecodedPacket packet = new DecodedPacket();
        long last = 0;
        for (CaptureReader.Frame frame : CaptureReader.read(capture)) {
            replay.frameNumber = frame.number();
            last = frame.timestampNanos();
            PacketDecoder.decode(frame.linkType(), frame.data(), packet);
            replay.packet(packet, last);
            for (Flow flow : replay.flows.values()) {
                flow.dissector.expire(last);
            }
        }
        for (Flow flow : replay.flows.values()) {
            flow.dissector.close(last, "end of capture");
        }
        return replay;
    }

    List<Item> items() {
        return items;
    }

    List<FrameMessage> messages() {
        return messages;
    }

    private void packet(DecodedPacket p, long ts) {
        if (p.ipVersion == 0 || (p.protocol != DecodedPacket.UDP && p.protocol != DecodedPacket.TCP)) {
            return;
        }
        if (p.fragment) {
            byte[] datagram = defragment(p);
            if (datagram != null && p.protocol == DecodedPacket.UDP && datagram.length >= 8) {
                int srcPort = (datagram[0] & 0xFF) << 8 | datagram[1] & 0xFF;
                int dstPort = (datagram[2] & 0xFF) << 8 | datagram[3] & 0xFF;
                udp(p, srcPort, dstPort, datagram, 8, datagram.length - 8, ts);
            }
            return;
        }
        if (p.layer != DecodedPacket.Layer.TRANSPORT) {
            return;
        }
        if (p.protocol == DecodedPacket.UDP) {
            udp(p, p.srcPort, p.dstPort, p.data, p.payloadOffset, p.payloadLength, ts);
        } else {
            tcp(p, ts);
        }
    }

    private void udp(DecodedPacket p, int srcPort, int dstPort, byte[] b, int off, int len, long ts) {
        if (srcPort != DNS_PORT && dstPort != DNS_PORT) {
            return;
        }
        Flow flow = flow("udp", p, srcPort, dstPort, ts, false);
        flow.dissector.datagram(flow.direction(address(p, p.srcAddrOffset), srcPort), b, off, len, ts);
        record(b, off, len);
    }

    private void tcp(DecodedPacket p, long ts) {
        if (p.srcPort != DNS_PORT && p.dstPort != DNS_PORT) {
            return;
        }
        boolean syn = (p.tcpFlags & 0x02) != 0;
        Flow flow = flow("tcp", p, p.srcPort, p.dstPort, ts, syn && (p.tcpFlags & 0x10) == 0);
        Direction direction = flow.direction(address(p, p.srcAddrOffset), p.srcPort);
        int d = direction.ordinal();
        if (syn) {
            flow.nextSeq[d] = (p.tcpSeq + 1) & 0xFFFFFFFFL;
        } else if (flow.nextSeq[d] < 0) {
            flow.nextSeq[d] = p.tcpSeq;
        }
        if (p.payloadLength > 0) {
            int ahead = (int) (p.tcpSeq - flow.nextSeq[d]);
            if (ahead > 0) {
                flow.dissector.gap(direction, ahead, ts);
                flow.framers[d].gap(ahead);
                flow.nextSeq[d] = p.tcpSeq;
                ahead = 0;
            }
            int skip = -ahead;
            if (skip < p.payloadLength) {
                int off = p.payloadOffset + skip;
                int len = p.payloadLength - skip;
                flow.dissector.data(direction, p.data, off, len, ts);
                flow.framers[d].feed(p.data, off, len, ts);
                flow.nextSeq[d] = (flow.nextSeq[d] + len) & 0xFFFFFFFFL;
            }
        }
        if ((p.tcpFlags & 0x05) != 0 && !flow.ended[d]) {
            flow.ended[d] = true;
            flow.dissector.end(direction, (p.tcpFlags & 0x04) != 0, ts);
        }
    }

    private void record(byte[] b, int off, int len) {
        try {
            messages.add(new FrameMessage(frameNumber, DnsParser.parse(b, off, len), null));
        } catch (DnsFormatException e) {
            messages.add(new FrameMessage(frameNumber, null, e));
        }
    }

    /** The UDP or TCP bytes (header included) of a datagram once all its fragments are here, else null. */
    private byte[] defragment(DecodedPacket p) {
        String key = address(p, p.srcAddrOffset) + ">" + address(p, p.dstAddrOffset) + "#" + p.fragmentId + "/"
                + p.protocol;
        int from = p.fragmentOffset == 0 ? p.transportOffset : p.payloadOffset;
        byte[] piece = Arrays.copyOfRange(p.data, from, p.ipEnd);
        TreeMap<Integer, byte[]> pieces = fragments.computeIfAbsent(key, k -> new TreeMap<>());
        pieces.put(p.fragmentOffset, piece);
        if (!p.moreFragments) {
            fragmentEnds.put(key, p.fragmentOffset + piece.length);
        }
        Integer total = fragmentEnds.get(key);
        if (total == null) {
            return null;
        }
        byte[] datagram = new byte[total];
        int covered = 0;
        for (Map.Entry<Integer, byte[]> e : pieces.entrySet()) {
            if (e.getKey() > covered) {
                return null;
            }
            int n = Math.min(e.getValue().length, total - e.getKey());
            System.arraycopy(e.getValue(), 0, datagram, e.getKey(), n);
            covered = Math.max(covered, e.getKey() + n);
        }
        if (covered < total) {
            return null;
        }
        fragments.remove(key);
        fragmentEnds.remove(key);
        return datagram;
    }

    private Flow flow(String layer4, DecodedPacket p, int srcPort, int dstPort, long ts, boolean opening) {
        String src = address(p, p.srcAddrOffset);
        String dst = address(p, p.dstAddrOffset);
        String a = src + "|" + srcPort;
        String b = dst + "|" + dstPort;
        String key = layer4 + "|" + (a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
        return flows.computeIfAbsent(key, k -> {
            // The client opened the connection, or else is the side that is not port 53, or else sent first.
            boolean srcIsClient = opening || srcPort != DNS_PORT || dstPort == DNS_PORT;
            Endpoint client = srcIsClient ? Endpoint.of(src, srcPort) : Endpoint.of(dst, dstPort);
            Endpoint server = srcIsClient ? Endpoint.of(dst, dstPort) : Endpoint.of(src, srcPort);
            FlowContext context = new FlowContext(client, server, NODE, layer4 + "-" + flows.size() + "-" + ts, ts);
            return new Flow(context, layer4.equals("tcp")
                    ? DnsDissector.tcp(context, limits, items::add)
                    : DnsDissector.udp(context, limits, items::add));
        });
    }

    private static String address(DecodedPacket p, int offset) {
        if (p.ipVersion == 6) {
            return DnsParser.ipv6(p.data, offset);
        }
        return (p.data[offset] & 0xFF) + "." + (p.data[offset + 1] & 0xFF) + "." + (p.data[offset + 2] & 0xFF)
                + "." + (p.data[offset + 3] & 0xFF);
    }

    private final class Flow {
        final FlowContext context;
        final DnsDissector dissector;
        final long[] nextSeq = {-1, -1};
        final boolean[] ended = new boolean[2];
        final DnsTcpFramer[] framers = new DnsTcpFramer[2];

        Flow(FlowContext context, DnsDissector dissector) {
            this.context = context;
            this.dissector = dissector;
            for (int i = 0; i < 2; i++) {
                framers[i] = new DnsTcpFramer((b, off, len, ts) -> record(b, off, len));
            }
        }

        Direction direction(String srcIp, int srcPort) {
            Endpoint client = context.client();
            return client.ip().equals(srcIp) && client.port().equals(Integer.toString(srcPort))
                    ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        }
    }
}
