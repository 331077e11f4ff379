package io.trawl.dissect.tcp;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds one direction of a TCP connection from segments in capture order: drops retransmissions, trims
 * overlaps, holds out-of-order segments until the hole before them fills, and follows sequence numbers
 * across the 2^32 wrap. A capture that starts mid-connection starts at the first segment seen.
 *
 * <p>A hole is declared lost (a {@code gap}) when the peer acknowledges bytes beyond it (the receiver had
 * them, the capture did not), when the held bytes exceed {@code maxBufferedBytes}, or when the direction ends.
 * Memory per direction is therefore bounded by {@code maxBufferedBytes}. Overlapping data that disagrees with
 * what was already delivered is not compared: the first copy wins, as in most stacks.
 *
 * <p>Not thread-safe; one per direction, driven by the flow's owner.
 */
public final class TcpReassembler {

    private final TcpStreamListener listener;
    private final int maxBufferedBytes;
    private boolean started;
    /** Next expected sequence number, as an unsigned 32-bit value in a long. */
    private long nextSeq;
    /** Held segments by their offset from {@link #nextSeq}'s origin, kept as absolute 64-bit stream offsets. */
    private final TreeMap<Long, byte[]> held = new TreeMap<>();
    private final TreeMap<Long, Long> heldTimes = new TreeMap<>();
    private int heldBytes;
    /** Bytes delivered so far: the 64-bit stream offset that {@link #nextSeq} stands for. */
    private long delivered;
    private long finAt = -1;
    private boolean ended;
    private long gaps;
    private long gapBytes;

    public TcpReassembler(TcpStreamListener listener, int maxBufferedBytes) {
        if (maxBufferedBytes < 0) {
            throw new IllegalArgumentException("maxBufferedBytes is " + maxBufferedBytes + "; must be 0 or more");
        }
        this.listener = listener;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    /**
     * One segment of this direction.
     *
     * @param seq the segment's sequence number (unsigned 32-bit)
     */
    public void segment(long seq, boolean syn, boolean fin, boolean rst, byte[] buffer, int offset, int length,
                        long timestampNanos) {
        if (ended) {
            return;
        }
        seq &= 0xFFFFFFFFL;
        if (!started) {
            started = true;
            nextSeq = syn ? (seq + 1) & 0xFFFFFFFFL : seq;
        }
        long streamOffset = streamOffset(syn ? (seq + 1) & 0xFFFFFFFFL : seq);
        if (length > 0) {
            accept(streamOffset, buffer, offset, length, timestampNanos);
        }
        if (fin) {
            finAt = Math.max(finAt, streamOffset + length);
        }
        if (rst) {
            flushHeld();
            finish(true, timestampNanos);
            return;
        }
        while (heldBytes > maxBufferedBytes) {
            skipFirstHole();
        }
        if (finAt >= 0 && delivered >= finAt) {
            finish(false, timestampNanos);
        }
    }

    /** The peer acknowledged up to {@code ack}: a hole below it was lost in capture. */
    public void peerAcknowledged(long ack, long timestampNanos) {
        if (!started || ended || held.isEmpty()) {
            return;
        }
        long ackOffset = streamOffset(ack & 0xFFFFFFFFL);
        while (!held.isEmpty() && held.firstKey() < ackOffset) {
            skipFirstHole();
        }
    }

    /** The connection is over (timeout, eviction, the capture ended): report what was held, then end. */
    public void close(long timestampNanos) {
        if (ended || !started) {
            ended = true;
            return;
        }
        flushHeld();
        if (finAt > delivered) {
            gap(finAt - delivered, timestampNanos);
        }
        finish(false, timestampNanos);
    }

    /** Maps a sequence number to a 64-bit stream offset near the delivery point, across the 2^32 wrap. */
    private long streamOffset(long seq) {
        int diff = (int) (seq - nextSeq);
        return delivered + diff;
    }

    private void accept(long start, byte[] buffer, int offset, int length, long ts) {
        long end = start + length;
        if (end <= delivered) {
            return; // a retransmission of delivered bytes
        }
        if (start < delivered) {
            int skip = (int) (delivered - start);
            offset += skip;
            length -= skip;
            start = delivered;
        }
        if (start == delivered) {
            deliver(buffer, offset, length, ts);
            drainHeld();
        } else {
            hold(start, buffer, offset, length, ts);
        }
    }

    private void hold(long start, byte[] buffer, int offset, int length, long ts) {
        byte[] existing = held.get(start);
        if (existing != null && existing.length >= length) {
            return;
        }
        if (existing != null) {
            heldBytes -= existing.length;
        }
        held.put(start, Arrays.copyOfRange(buffer, offset, offset + length));
        heldTimes.put(start, ts);
        heldBytes += length;
    }

    private void deliver(byte[] buffer, int offset, int length, long ts) {
        listener.data(buffer, offset, length, ts);
        delivered += length;
        nextSeq = (nextSeq + length) & 0xFFFFFFFFL;
    }

    /** Delivers held segments that now continue the stream, trimming what overlaps. */
    private void drainHeld() {
        Iterator<Map.Entry<Long, byte[]>> it = held.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, byte[]> e = it.next();
            long start = e.getKey();
            if (start > delivered) {
                return;
            }
            byte[] data = e.getValue();
            long ts = heldTimes.remove(start);
            it.remove();
            heldBytes -= data.length;
            long end = start + data.length;
            if (end > delivered) {
                int skip = (int) (delivered - start);
                deliver(data, skip, data.length - skip, ts);
            }
        }
    }

    /** Declares the hole before the first held segment lost, and delivers what follows it. */
    private void skipFirstHole() {
        long first = held.firstKey();
        if (first > delivered) {
            gap(first - delivered, heldTimes.get(first));
        }
        drainHeld();
    }

    private void flushHeld() {
        while (!held.isEmpty()) {
            skipFirstHole();
        }
    }

    private void gap(long missing, long ts) {
        gaps++;
        gapBytes += missing;
        listener.gap(missing, ts);
        delivered += missing;
        nextSeq = (nextSeq + missing) & 0xFFFFFFFFL;
    }

    private void finish(boolean reset, long ts) {
        if (!ended) {
            ended = true;
            held.clear();
            heldTimes.clear();
            heldBytes = 0;
            listener.end(reset, ts);
        }
    }

    public boolean ended() {
        return ended;
    }

    public int heldBytes() {
        return heldBytes;
    }

    public long gaps() {
        return gaps;
    }

    public long gapBytes() {
        return gapBytes;
    }

    public long deliveredBytes() {
        return delivered;
    }
}
