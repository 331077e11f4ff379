package io.trawl.dissect.flow;

import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.ip.IpDefragmenter;
import io.trawl.dissect.item.ItemSink;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.flow.FlowKey;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packets in, items out: the conversations of one Kafka partition (or one offline run), each with its TCP
 * reassembly and dissector. Bounded by {@link FlowSettings}: the least recently seen flow is evicted when the
 * table is full, and flows idle past the timeout (in capture time) are closed. Not thread-safe: one table
 * per partition, driven by the thread that owns the partition.
 */
public final class FlowTable {

    private static final long EXPIRY_CHECK_NANOS = 1_000_000_000L;
    private static final int TCP_SYN = 0x02;

    private final FlowSettings settings;
    private final DissectorRegistry registry;
    private final DissectorLimits limits;
    private final FlowItemSink sink;
    private final DissectionStats stats;
    /** First Kafka offsets of open flows, as a multiset: the smallest is where a restart must resume. */
    private final TreeMap<Long, Integer> openFlowOffsets = new TreeMap<>();
    private final DecodedPacket decoded = new DecodedPacket();
    private final IpDefragmenter defragmenter;
    /** Access-ordered, so iteration starts at the least recently seen flow. */
    private final LinkedHashMap<ByteBuffer, Flow> flows = new LinkedHashMap<>(1024, 0.75f, true);
    private long clock = Long.MIN_VALUE;
    private long lastExpiryCheck = Long.MIN_VALUE;

    public FlowTable(FlowSettings settings, DissectorRegistry registry, DissectorLimits limits, FlowItemSink sink,
                     DissectionStats stats) {
        this.settings = settings;
        this.registry = registry;
        this.limits = limits;
        this.sink = sink;
        this.stats = stats;
        this.defragmenter = new IpDefragmenter(settings.maxPendingFragmentedDatagrams(),
                settings.fragmentTimeoutNanos());
    }

    /** One captured packet. The bytes are only read during the call. */
    public void packet(long timestampNanos, int linkType, byte[] data, int offset, int length, String node) {
        packet(timestampNanos, linkType, data, offset, length, node, -1);
    }

    /**
     * One captured packet read from Kafka at {@code recordOffset}; see {@link #resumeOffset}. The bytes are only
     * read during the call.
     */
    public void packet(long timestampNanos, int linkType, byte[] data, int offset, int length, String node,
                       long recordOffset) {
        stats.packet();
        advanceClock(timestampNanos);
        dissect(timestampNanos, linkType, data, offset, length, node, recordOffset);
    }

    private void dissect(long timestampNanos, int linkType, byte[] data, int offset, int length, String node,
                         long recordOffset) {
        PacketDecoder.decode(linkType, data, offset, length, decoded);
        if (decoded.fragment && decoded.layer != DecodedPacket.Layer.LINK) {
            stats.fragment();
            IpDefragmenter.Datagram whole = defragmenter.fragment(decoded, timestampNanos, recordOffset);
            if (whole != null) {
                stats.reassembledDatagram();
                dissect(timestampNanos, whole.linkType(), whole.bytes(), 0, whole.bytes().length, node, recordOffset);
            }
            return;
        }
        boolean tcp = decoded.protocol == DecodedPacket.TCP;
        if (decoded.layer != DecodedPacket.Layer.TRANSPORT || (!tcp && decoded.protocol != DecodedPacket.UDP)) {
            stats.notIp();
            return;
        }
        byte[] key = FlowKey.encode(decoded);
        ByteBuffer lookup = ByteBuffer.wrap(key);
        Flow flow = flows.get(lookup);
        if (flow == null) {
            if (tcp && decoded.payloadLength == 0 && (decoded.tcpFlags & TCP_SYN) == 0) {
                // A bare ACK, FIN or RST carries nothing to dissect; after a connection has ended, its last
                // ACK would otherwise open an empty flow that lingers until the idle timeout.
                return;
            }
            if (flows.size() >= settings.maxFlows()) {
                evictOldest(timestampNanos);
            }
            ItemSink flowSink = item -> sink.emit(key, item);
            flow = tcp
                    ? new TcpFlow(key, registry, limits, settings.maxBufferedBytes(), flowSink, node, stats, recordOffset)
                    : new UdpFlow(key, registry, limits, flowSink, node, stats, recordOffset);
            flows.put(lookup, flow);
            if (recordOffset >= 0) {
                openFlowOffsets.merge(recordOffset, 1, Integer::sum);
            }
            stats.flowOpened();
        }
        flow.packet(decoded, timestampNanos);
        if (flow.finished()) {
            flows.remove(lookup);
            close(flow, timestampNanos, "finished");
        }
    }

    /**
     * The Kafka offset a consumer may commit after handing over everything up to {@code nextOffset}: never past
     * the first packet of a conversation still open, so that a restart re-reads every open conversation from
     * its start. Items already emitted are emitted again with the same ids.
     */
    public long resumeOffset(long nextOffset) {
        long resume = openFlowOffsets.isEmpty() ? nextOffset : Math.min(nextOffset, openFlowOffsets.firstKey());
        long fragments = defragmenter.oldestPendingOffset();
        return fragments >= 0 ? Math.min(resume, fragments) : resume;
    }

    /** Drops every flow without emitting, when another consumer takes over this partition. */
    public void abandon() {
        flows.clear();
        openFlowOffsets.clear();
        defragmenter.clear();
    }

    private void close(Flow flow, long timestampNanos, String reason) {
        flow.close(timestampNanos, reason);
        long first = flow.firstOffset();
        if (first >= 0) {
            openFlowOffsets.computeIfPresent(first, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Closes every flow, e.g. at the end of a capture file or when a partition is revoked. */
    public void closeAll(String reason) {
        long now = clock == Long.MIN_VALUE ? 0 : clock;
        for (Flow flow : flows.values()) {
            close(flow, now, reason);
        }
        flows.clear();
    }

    public int activeFlows() {
        return flows.size();
    }

    private void advanceClock(long timestampNanos) {
        if (timestampNanos > clock) {
            clock = timestampNanos;
        }
        if (lastExpiryCheck == Long.MIN_VALUE) {
            lastExpiryCheck = clock;
        } else if (clock - lastExpiryCheck >= EXPIRY_CHECK_NANOS) {
            lastExpiryCheck = clock;
            expire(clock);
        }
    }

    private void expire(long now) {
        Iterator<Map.Entry<ByteBuffer, Flow>> it = flows.entrySet().iterator();
        while (it.hasNext()) {
            Flow flow = it.next().getValue();
            if (now - flow.lastSeenNanos() >= settings.idleTimeoutNanos()) {
                it.remove();
                close(flow, now, "idle timeout");
                stats.flowExpired();
            } else {
                flow.expire(now);
            }
        }
    }

    private void evictOldest(long now) {
        Iterator<Map.Entry<ByteBuffer, Flow>> it = flows.entrySet().iterator();
        Flow oldest = it.next().getValue();
        it.remove();
        close(oldest, now, "evicted: flow table full");
        stats.flowEvicted();
    }
}
