package io.trawl.dissect.flow;

import io.trawl.dissect.detect.AppProtocol;
import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.detect.ProtocolDetector;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.item.ItemSink;
import io.trawl.dissect.stream.Direction;
import io.trawl.dissect.stream.StreamDissector;
import io.trawl.dissect.tcp.TcpReassembler;
import io.trawl.dissect.tcp.TcpStreamListener;
import io.trawl.model.decode.DecodedPacket;

import java.util.Arrays;

/**
 * One TCP connection: two reassemblers, protocol detection on the first bytes, then one dissector. The client
 * is the sender of a SYN without ACK; without a handshake in the capture, the side on the lower port is the
 * server.
 */
final class TcpFlow implements Flow {

    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int FIN = 0x01;
    private static final int ACK = 0x10;

    private final byte[] key;
    private final DissectorRegistry registry;
    private final DissectorLimits limits;
    private final ItemSink sink;
    private final String node;
    private final DissectionStats stats;
    private final TcpReassembler toServer;
    private final TcpReassembler toClient;
    private FlowContext context;
    private ClientSide client;
    private StreamDissector dissector;
    /** Set once detection gave up: bytes are then dropped. */
    private boolean undissectable;
    private byte[] probe = new byte[0];
    private Direction probeDirection;
    private long lastSeen;
    private final long firstOffset;

    TcpFlow(byte[] key, DissectorRegistry registry, DissectorLimits limits, int maxBufferedBytes, ItemSink sink,
            String node, DissectionStats stats, long firstOffset) {
        this.firstOffset = firstOffset;
        this.key = key;
        this.registry = registry;
        this.limits = limits;
        this.sink = sink;
        this.node = node;
        this.stats = stats;
        this.toServer = new TcpReassembler(new Side(Direction.CLIENT_TO_SERVER), maxBufferedBytes);
        this.toClient = new TcpReassembler(new Side(Direction.SERVER_TO_CLIENT), maxBufferedBytes);
    }

    @Override
    public void packet(DecodedPacket p, long ts) {
        lastSeen = ts;
        if (context == null) {
            boolean clientIsSource = (p.tcpFlags & (SYN | ACK)) == SYN
                    || ((p.tcpFlags & SYN) == 0 && p.srcPort > p.dstPort)
                    || ((p.tcpFlags & SYN) == 0 && p.srcPort == p.dstPort);
            context = FlowNames.context(p, key, clientIsSource, node, "tcp", ts);
            client = ClientSide.of(p, clientIsSource);
        }
        boolean fromClient = client.sent(p);
        TcpReassembler own = fromClient ? toServer : toClient;
        TcpReassembler peer = fromClient ? toClient : toServer;
        int flags = p.tcpFlags;
        own.segment(p.tcpSeq, (flags & SYN) != 0, (flags & FIN) != 0, (flags & RST) != 0, p.data, p.payloadOffset,
                p.payloadLength, ts);
        if ((flags & ACK) != 0) {
            peer.peerAcknowledged(p.tcpAck, ts);
        }
        if ((flags & RST) != 0) {
            // a reset ends both directions
            peer.close(ts);
        }
    }

    @Override
    public void expire(long nowNanos) {
        // stream dissectors have no timers: they emit on data, end and close
    }

    @Override
    public void close(long ts, String reason) {
        toServer.close(ts);
        toClient.close(ts);
        if (dissector != null) {
            dissector.close(ts, reason);
            dissector = null;
        }
        stats.gaps(toServer.gaps() + toClient.gaps(), toServer.gapBytes() + toClient.gapBytes());
    }

    @Override
    public boolean finished() {
        return toServer.ended() && toClient.ended();
    }

    @Override
    public long lastSeenNanos() {
        return lastSeen;
    }

    @Override
    public long firstOffset() {
        return firstOffset;
    }

    private void data(Direction d, byte[] b, int off, int len, long ts) {
        if (dissector != null) {
            dissector.data(d, b, off, len, ts);
            return;
        }
        if (undissectable) {
            return;
        }
        if (probeDirection != null && probeDirection != d) {
            // the other side spoke before we could decide: decide on what we have
            decide(probe, 0, probe.length, true);
        } else {
            probeDirection = d;
            byte[] joined = Arrays.copyOf(probe, probe.length + len);
            System.arraycopy(b, off, joined, probe.length, len);
            probe = joined;
            decide(probe, 0, probe.length, false);
        }
        if (dissector != null) {
            byte[] held = probe;
            Direction heldDirection = probeDirection;
            probe = null;
            if (heldDirection == d) {
                dissector.data(d, held, 0, held.length, ts);
            } else {
                dissector.data(heldDirection, held, 0, held.length, ts);
                dissector.data(d, b, off, len, ts);
            }
        } else if (undissectable) {
            probe = null;
        }
    }

    private void decide(byte[] b, int off, int len, boolean lastChance) {
        ProtocolDetector.Verdict verdict = ProtocolDetector.stream(b, off, len, context.server().port().equals("53") ? 53 : 0);
        if (verdict == ProtocolDetector.Verdict.NEED_MORE && !lastChance && len < ProtocolDetector.MAX_PROBE_BYTES) {
            return;
        }
        DissectorRegistry.StreamFactory factory = switch (verdict) {
            case HTTP -> registry.stream(AppProtocol.HTTP);
            case DNS -> registry.stream(AppProtocol.DNS);
            default -> null;
        };
        if (factory == null) {
            undissectable = true;
            stats.undissected();
        } else {
            dissector = factory.create(context, limits, sink);
        }
    }

    /** Routes one direction's reassembled bytes to detection and the dissector. */
    private final class Side implements TcpStreamListener {
        private final Direction direction;

        Side(Direction direction) {
            this.direction = direction;
        }

        @Override
        public void data(byte[] buffer, int offset, int length, long timestampNanos) {
            TcpFlow.this.data(direction, buffer, offset, length, timestampNanos);
        }

        @Override
        public void gap(long missing, long timestampNanos) {
            if (dissector != null) {
                dissector.gap(direction, missing, timestampNanos);
            }
        }

        @Override
        public void end(boolean reset, long timestampNanos) {
            if (dissector != null) {
                dissector.end(direction, reset, timestampNanos);
            }
        }
    }
}
