package io.trawl.dissect.flow;

import io.trawl.dissect.detect.AppProtocol;
import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.detect.ProtocolDetector;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.item.ItemSink;
import io.trawl.dissect.stream.DatagramDissector;
import io.trawl.dissect.stream.Direction;
import io.trawl.model.decode.DecodedPacket;

/**
 * One UDP flow. The client is the first sender, unless that datagram came from a well-known port and went to a
 * higher one (a response seen first). Detection looks at each datagram until one is recognised.
 */
final class UdpFlow implements Flow {

    private static final int MAX_PROBED_DATAGRAMS = 4;

    private final byte[] key;
    private final DissectorRegistry registry;
    private final DissectorLimits limits;
    private final ItemSink sink;
    private final String node;
    private final DissectionStats stats;
    private FlowContext context;
    private ClientSide client;
    private DatagramDissector dissector;
    private int probed;
    private long lastSeen;
    private final long firstOffset;

    UdpFlow(byte[] key, DissectorRegistry registry, DissectorLimits limits, ItemSink sink, String node,
            DissectionStats stats, long firstOffset) {
        this.firstOffset = firstOffset;
        this.key = key;
        this.registry = registry;
        this.limits = limits;
        this.sink = sink;
        this.node = node;
        this.stats = stats;
    }

    @Override
    public void packet(DecodedPacket p, long ts) {
        lastSeen = ts;
        if (context == null) {
            boolean sourceIsServer = p.srcPort < 1024 && p.dstPort >= 1024;
            context = FlowNames.context(p, key, !sourceIsServer, node, "udp", ts);
            client = ClientSide.of(p, !sourceIsServer);
        }
        boolean fromClient = client.sent(p);
        Direction direction = fromClient ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
        if (dissector == null && probed < MAX_PROBED_DATAGRAMS) {
            probed++;
            if (ProtocolDetector.datagram(p.data, p.payloadOffset, p.payloadLength, p.srcPort, p.dstPort)
                    == ProtocolDetector.Verdict.DNS) {
                DissectorRegistry.DatagramFactory factory = registry.datagram(AppProtocol.DNS);
                if (factory != null) {
                    dissector = factory.create(context, limits, sink);
                }
            } else if (probed == MAX_PROBED_DATAGRAMS) {
                stats.undissected();
            }
        }
        if (dissector != null) {
            dissector.datagram(direction, p.data, p.payloadOffset, p.payloadLength, ts);
        }
    }

    @Override
    public void expire(long nowNanos) {
        if (dissector != null) {
            dissector.expire(nowNanos);
        }
    }

    @Override
    public void close(long ts, String reason) {
        if (dissector != null) {
            dissector.close(ts, reason);
            dissector = null;
        }
    }

    @Override
    public boolean finished() {
        return false;
    }

    @Override
    public long lastSeenNanos() {
        return lastSeen;
    }

    @Override
    public long firstOffset() {
        return firstOffset;
    }
}
