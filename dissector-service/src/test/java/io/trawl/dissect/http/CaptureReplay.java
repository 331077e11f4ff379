package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.stream.Direction;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a capture file through one {@link HttpConnection} per TCP connection, in capture order. Test code
 * only, and only for clean captures: each direction's stream is the TCP payloads in capture order, with bytes
 * already seen (retransmissions) dropped and a hole reported as a gap; FIN and RST end a direction; the end of
 * the file closes every connection. Connections are numbered by their first packet, as tshark's
 * {@code tcp.stream}. The client is the side that sent the SYN, or else the one with the higher port.
 */
final class CaptureReplay {

    static final Path PCAPS = Path.of("..", "testdata", "pcaps");
    private static final int SYN = 0x02;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    /** One TCP connection of the capture and the items its dissector made. */
    record Connection(int number, FlowContext context, List<Item> items) {
    }

    private static final class Replayed {
        final int number;
        final FlowContext context;
        final String clientKey;
        final List<Item> items = new ArrayList<>();
        final HttpConnection dissector;
        final long[] next = {-1, -1};
        final boolean[] ended = new boolean[2];

        Replayed(int number, FlowContext context, String clientKey, DissectorLimits limits) {
            this.number = number;
            this.context = context;
            this.clientKey = clientKey;
            this.dissector = new HttpConnection(context, limits, item -> {
                ItemJsonCheck.roundTrip(item);
                items.add(item);
            });
        }
    }

    private CaptureReplay() {
    }

    static List<Connection> replay(String capture, DissectorLimits limits) throws Exception {
        return replay(capture, limits, Integer.MAX_VALUE);
    }

    /** Replays with each packet's payload handed over in pieces of at most {@code maxChunk} bytes. */
    static List<Connection> replay(String capture, DissectorLimits limits, int maxChunk) throws Exception {
        Map<String, Replayed> connections = new LinkedHashMap<>();
        DecodedPacket p = new DecodedPacket();
        FilePacket packet = new FilePacket();
        long lastNanos = 0;
        try (CaptureFileReader reader = CaptureFileReader.open(PCAPS.resolve(capture))) {
            while (reader.next(packet)) {
                lastNanos = packet.timestampNanos;
                PacketDecoder.decode(packet.linkType, packet.buffer, packet.offset, packet.length, p);
                if (p.layer != DecodedPacket.Layer.TRANSPORT || p.protocol != DecodedPacket.TCP) {
                    continue;
                }
                String src = address(p, p.srcAddrOffset) + "|" + p.srcPort;
                String dst = address(p, p.dstAddrOffset) + "|" + p.dstPort;
                String key = src.compareTo(dst) < 0 ? src + "-" + dst : dst + "-" + src;
                Replayed c = connections.get(key);
                if (c == null) {
                    boolean srcIsClient = (p.tcpFlags & (SYN | ACK)) == SYN
                            || (p.tcpFlags & SYN) == 0 && p.srcPort > p.dstPort;
                    String client = srcIsClient ? src : dst;
                    String server = srcIsClient ? dst : src;
                    FlowContext ctx = new FlowContext(endpoint(client), endpoint(server), "golden",
                            "tcp-" + connections.size(), packet.timestampNanos);
                    c = new Replayed(connections.size(), ctx, client, limits);
                    connections.put(key, c);
                }
                feed(c, src.equals(c.clientKey) ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT, p,
                        packet.timestampNanos, maxChunk);
            }
        }
        List<Connection> result = new ArrayList<>();
        for (Replayed c : connections.values()) {
            c.dissector.close(lastNanos, "capture ended");
            result.add(new Connection(c.number, c.context, c.items));
        }
        return result;
    }

    private static void feed(Replayed c, Direction direction, DecodedPacket p, long nanos, int maxChunk) {
        int d = direction.ordinal();
        long seq = p.tcpSeq;
        if ((p.tcpFlags & SYN) != 0) {
            c.next[d] = (seq + 1) & 0xFFFFFFFFL;
            return;
        }
        if (c.ended[d]) {
            return;
        }
        int offset = p.payloadOffset;
        int length = p.payloadLength;
        if (length > 0) {
            if (c.next[d] < 0) {
                c.next[d] = seq;
            }
            long ahead = (seq - c.next[d]) << 32 >> 32;
            if (ahead > 0) {
                c.dissector.gap(direction, ahead, nanos);
            } else if (ahead < 0) {
                int seen = (int) Math.min(length, -ahead);
                offset += seen;
                length -= seen;
            }
            if (length > 0) {
                byte[] payload = Arrays.copyOfRange(p.data, offset, offset + length);
                for (int i = 0; i < length; i += maxChunk) {
                    c.dissector.data(direction, payload, i, Math.min(maxChunk, length - i), nanos);
                }
                c.next[d] = (seq + p.payloadLength) & 0xFFFFFFFFL;
            }
        }
        if ((p.tcpFlags & (FIN | RST)) != 0) {
            c.ended[d] = true;
            c.dissector.end(direction, (p.tcpFlags & RST) != 0, nanos);
        }
    }

    private static String address(DecodedPacket p, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(p.data, offset, offset + p.addressLength()))
                    .getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Endpoint endpoint(String key) {
        int bar = key.lastIndexOf('|');
        return Endpoint.of(key.substring(0, bar), Integer.parseInt(key.substring(bar + 1)));
    }
}
