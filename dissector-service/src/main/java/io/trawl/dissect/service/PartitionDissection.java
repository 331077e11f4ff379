package io.trawl.dissect.service;

import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.flow.DissectionStats;
import io.trawl.dissect.flow.FlowItemSink;
import io.trawl.dissect.flow.FlowSettings;
import io.trawl.dissect.flow.FlowTable;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.packet.PacketRecord;

/** The dissection state of one assigned partition: its flow table and how far it has read. */
final class PartitionDissection {

    private final FlowTable table;
    private long nextOffset = -1;

    PartitionDissection(FlowSettings flows, DissectorRegistry registry, DissectorLimits limits, FlowItemSink sink,
                        DissectionStats stats) {
        this.table = new FlowTable(flows, registry, limits, sink, stats);
    }

    void packet(PacketRecord packet, long offset) {
        byte[] data = packet.data();
        table.packet(packet.timestampNanos(), packet.linkType(), data, 0, data.length, packet.node(), offset);
        nextOffset = offset + 1;
    }

    /** A record that was not dissected (dead-lettered) still moves the read position on. */
    void skipped(long offset) {
        nextOffset = offset + 1;
    }

    /** The offset to commit, or -1 when nothing was read yet. */
    long commitOffset() {
        return nextOffset < 0 ? -1 : table.resumeOffset(nextOffset);
    }

    int activeFlows() {
        return table.activeFlows();
    }

    void abandon() {
        table.abandon();
    }
}
