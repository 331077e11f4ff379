package io.trawl.dissect.flow;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one dissection run or one partition's flow table, read by metrics and the offline summary. */
public final class DissectionStats {

    private final LongAdder packets = new LongAdder();
    private final LongAdder notIp = new LongAdder();
    private final LongAdder flowsOpened = new LongAdder();
    private final LongAdder flowsEvicted = new LongAdder();
    private final LongAdder flowsExpired = new LongAdder();
    private final LongAdder undissected = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder gapBytes = new LongAdder();
    private final LongAdder fragments = new LongAdder();
    private final LongAdder reassembledDatagrams = new LongAdder();

    void packet() {
        packets.increment();
    }

    void notIp() {
        notIp.increment();
    }

    void flowOpened() {
        flowsOpened.increment();
    }

    void flowEvicted() {
        flowsEvicted.increment();
    }

    void flowExpired() {
        flowsExpired.increment();
    }

    void fragment() {
        fragments.increment();
    }

    void reassembledDatagram() {
        reassembledDatagrams.increment();
    }

    void undissected() {
        undissected.increment();
    }

    void gaps(long count, long bytes) {
        gaps.add(count);
        gapBytes.add(bytes);
    }

    public long packets() {
        return packets.sum();
    }

    /** IP fragments seen. */
    public long fragments() {
        return fragments.sum();
    }

    /** Fragmented datagrams made whole again and dissected. */
    public long reassembledDatagrams() {
        return reassembledDatagrams.sum();
    }

    /** Packets with no TCP or UDP conversation to follow (ARP, ICMP, other protocols, undecodable frames). */
    public long packetsWithoutFlow() {
        return notIp.sum();
    }

    public long flowsOpened() {
        return flowsOpened.sum();
    }

    /** Flows pushed out because the table was full. */
    public long flowsEvicted() {
        return flowsEvicted.sum();
    }

    /** Flows closed after their idle timeout. */
    public long flowsExpired() {
        return flowsExpired.sum();
    }

    /** Conversations in no protocol Trawl dissects. */
    public long flowsUndissected() {
        return undissected.sum();
    }

    /** Holes in TCP streams (bytes lost in capture). */
    public long reassemblyGaps() {
        return gaps.sum();
    }

    public long reassemblyGapBytes() {
        return gapBytes.sum();
    }
}
