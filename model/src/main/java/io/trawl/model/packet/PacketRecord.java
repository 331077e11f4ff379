package io.trawl.model.packet;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One captured packet as it travels on {@code trawl.packets}.
 *
 * @param timestampNanos capture time, nanoseconds since the Unix epoch (UTC)
 * @param linkType       LINKTYPE_ value of the link-layer header at the start of {@code data}
 * @param originalLength length of the packet on the wire; larger than {@code data.length} when the capture
 *                       was cut by a snap length
 * @param data           the captured bytes (not copied: treat as immutable once handed over)
 * @param node           name of the node that captured the packet (a Kubernetes node, a host name)
 * @param iface          interface the packet was captured on, or the file it was read from
 */
public record PacketRecord(long timestampNanos, int linkType, int originalLength, byte[] data, String node,
                           String iface) {

    public PacketRecord {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(iface, "iface");
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("link type " + linkType + " is outside 0..65535");
        }
        if (originalLength < data.length) {
            throw new IllegalArgumentException(
                    "original length " + originalLength + " is smaller than the " + data.length + " captured bytes");
        }
    }

    public int capturedLength() {
        return data.length;
    }

    public boolean truncated() {
        return originalLength > data.length;
    }

    public Instant timestamp() {
        return Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L),
                Math.floorMod(timestampNanos, 1_000_000_000L));
    }

    /** Kafka record timestamps are milliseconds. */
    public long timestampMillis() {
        return Math.floorDiv(timestampNanos, 1_000_000L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PacketRecord p && timestampNanos == p.timestampNanos && linkType == p.linkType
                && originalLength == p.originalLength && Arrays.equals(data, p.data) && node.equals(p.node)
                && iface.equals(p.iface);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestampNanos, linkType, originalLength, Arrays.hashCode(data), node, iface);
    }

    @Override
    public String toString() {
        return "PacketRecord[" + timestamp() + " " + LinkType.name(linkType) + " " + data.length + "/" + originalLength
                + " bytes from " + node + "/" + iface + "]";
    }
}
