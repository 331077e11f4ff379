package io.trawl.integrations.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * What {@code <id>.manifest.json} says about the snapshot {@code <id>.pcap} beside it. Written after the
 * capture file and, like it, never changed: a snapshot exists once its manifest does.
 *
 * @param manifestVersion   1
 * @param sha256            of the capture file, lowercase hex
 * @param size              of the capture file, bytes
 * @param format            {@code pcap}, or {@code pcapng} when packets of several link types were captured
 * @param linkTypes         the link types of the packets, in order of first appearance
 * @param packets           packets in the file
 * @param capturedBytes     captured bytes of those packets
 * @param window            the capture-time window asked for, both ends included
 * @param filter            the flows, addresses and ports asked for; empty lists for none
 * @param truncated         whether the snapshot was cut at a bound; the packets kept are the earliest
 * @param truncatedBy       {@code max-packets} or {@code max-bytes} when truncated, else null
 * @param unreadableRecords records in the window that were not packet records, skipped
 * @param script            the script that asked, or {@code api}
 * @param origin            where: a hook's name, {@code job:<tag>} or {@code api}
 * @param node              the runner replica (or API caller's) node that asked
 * @param requestedTime     when it was asked for
 * @param writtenTime       when the capture file was stored
 * @param location          where the capture file lies: {@code s3://bucket/key} or a file path
 */
public record SnapshotManifest(int manifestVersion, String id, String sha256, long size, String format,
                               List<String> linkTypes, long packets, long capturedBytes, Window window,
                               Filter filter, boolean truncated, String truncatedBy, long unreadableRecords,
                               String script, String origin, String reason, String node, Instant requestedTime,
                               Instant writtenTime, String location) {

    public static final int VERSION = 1;

    /** @param graceMillis how far past each end the topic was read for late packets */
    public record Window(Instant from, Instant to, long graceMillis) {
    }

    public record Filter(List<String> flows, List<String> addresses, List<Integer> ports) {
        static Filter of(PacketFilter filter) {
            return new Filter(filter.flows(), filter.addresses(), filter.ports());
        }
    }
}
