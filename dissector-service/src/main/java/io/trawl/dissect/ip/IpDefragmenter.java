package io.trawl.dissect.ip;

import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.packet.Bytes;
import io.trawl.model.packet.LinkType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reassembles fragmented IPv4 and IPv6 datagrams, so that a DNS answer or a TCP segment split by the network
 * is dissected like any other. Where fragments overlap, the bytes that arrived first win. Bounded: at most
 * {@code maxPending} datagrams wait for their missing pieces, each for at most {@code timeoutNanos} of capture
 * time, and never more than 65,535 bytes; beyond that the oldest is dropped and counted.
 *
 * <p>Not thread-safe: one per flow table.
 */
public final class IpDefragmenter {

    /** A whole datagram, as raw IP with the given link type ({@link LinkType#IPV4} or {@link LinkType#IPV6}). */
    public record Datagram(int linkType, byte[] bytes) {
    }

    private static final int MAX_DATAGRAM = 65_535;

    private final int maxPending;
    private final long timeoutNanos;
    private final LinkedHashMap<ByteBuffer, Pending> pending = new LinkedHashMap<>();
    private long reassembled;
    private long dropped;

    public IpDefragmenter(int maxPending, long timeoutNanos) {
        if (maxPending <= 0 || timeoutNanos <= 0) {
            throw new IllegalArgumentException("maxPending and timeoutNanos must be positive");
        }
        this.maxPending = maxPending;
        this.timeoutNanos = timeoutNanos;
    }

    /** The fragments of one datagram so far. */
    private static final class Pending {
        final long firstSeen;
        final long firstOffset;
        byte[] header;
        int nextHeaderField;
        byte[] data = new byte[0];
        final BitSet covered = new BitSet();
        int total = -1;

        Pending(long firstSeen, long firstOffset) {
            this.firstSeen = firstSeen;
            this.firstOffset = firstOffset;
        }
    }

    /**
     * One fragment ({@code p.fragment} is true).
     *
     * @param recordOffset the Kafka offset the fragment came from, or -1
     * @return the whole datagram when this fragment completes it, else null
     */
    public Datagram fragment(DecodedPacket p, long timestampNanos, long recordOffset) {
        expire(timestampNanos);
        ByteBuffer key = key(p);
        Pending d = pending.get(key);
        if (d == null) {
            if (pending.size() >= maxPending) {
                dropOldest();
            }
            d = new Pending(timestampNanos, recordOffset);
            pending.put(key, d);
        }
        int start = p.fragmentOffset;
        int dataStart = p.fragmentOffset == 0 ? p.transportOffset : p.payloadOffset;
        int length = p.ipEnd - dataStart;
        if (length < 0 || start + length > MAX_DATAGRAM) {
            pending.remove(key);
            dropped++;
            return null;
        }
        if (start == 0 && d.header == null) {
            keepHeader(p, d);
        }
        if (!p.moreFragments) {
            d.total = start + length;
        }
        if (d.data.length < start + length) {
            d.data = Arrays.copyOf(d.data, start + length);
        }
        for (int i = 0; i < length; i++) {
            if (!d.covered.get(start + i)) {
                d.data[start + i] = p.data[dataStart + i];
            }
        }
        d.covered.set(start, start + length);
        if (d.total < 0 || d.header == null || d.covered.nextClearBit(0) < d.total) {
            return null;
        }
        pending.remove(key);
        reassembled++;
        return build(p.ipVersion, d);
    }

    private static void keepHeader(DecodedPacket p, Pending d) {
        int end = p.ipVersion == 4 ? p.transportOffset : p.fragmentHeaderOffset;
        d.header = Arrays.copyOfRange(p.data, p.ipOffset, end);
        d.nextHeaderField = p.ipVersion == 4 ? -1 : p.fragmentNextHeaderField - p.ipOffset;
        if (p.ipVersion == 6) {
            // the field that named the fragment header now names what the fragment header carried
            d.header[d.nextHeaderField] = p.data[p.fragmentHeaderOffset];
        }
    }

    private static Datagram build(int ipVersion, Pending d) {
        byte[] out = new byte[d.header.length + d.total];
        System.arraycopy(d.header, 0, out, 0, d.header.length);
        System.arraycopy(d.data, 0, out, d.header.length, d.total);
        if (ipVersion == 4) {
            Bytes.putUint16(out, 2, out.length);
            Bytes.putUint16(out, 6, Bytes.uint16(out, 6) & 0x4000); // keep DF, clear MF and the offset
            return new Datagram(LinkType.IPV4, out);
        }
        Bytes.putUint16(out, 4, out.length - 40);
        return new Datagram(LinkType.IPV6, out);
    }

    private static ByteBuffer key(DecodedPacket p) {
        int alen = p.addressLength();
        byte[] k = new byte[2 + 2 * alen + 4];
        k[0] = (byte) p.ipVersion;
        k[1] = (byte) p.protocol;
        System.arraycopy(p.data, p.srcAddrOffset, k, 2, alen);
        System.arraycopy(p.data, p.dstAddrOffset, k, 2 + alen, alen);
        Bytes.putUint32(k, 2 + 2 * alen, p.fragmentId);
        return ByteBuffer.wrap(k);
    }

    private void expire(long now) {
        Iterator<Map.Entry<ByteBuffer, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Pending d = it.next().getValue();
            if (now - d.firstSeen < timeoutNanos) {
                return;
            }
            it.remove();
            dropped++;
        }
    }

    private void dropOldest() {
        Iterator<Map.Entry<ByteBuffer, Pending>> it = pending.entrySet().iterator();
        it.next();
        it.remove();
        dropped++;
    }

    /** The Kafka offset of the oldest waiting fragment, or -1: a restart must re-read from there. */
    public long oldestPendingOffset() {
        long oldest = -1;
        for (Pending d : pending.values()) {
            if (d.firstOffset >= 0 && (oldest < 0 || d.firstOffset < oldest)) {
                oldest = d.firstOffset;
            }
        }
        return oldest;
    }

    /** Forgets every waiting fragment, when another consumer takes over the partition. */
    public void clear() {
        pending.clear();
    }

    public long reassembled() {
        return reassembled;
    }

    /** Datagrams given up: timed out, evicted, or larger than IP allows. */
    public long dropped() {
        return dropped;
    }

    public int pending() {
        return pending.size();
    }
}
