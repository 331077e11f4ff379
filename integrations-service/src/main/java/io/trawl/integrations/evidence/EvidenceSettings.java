package io.trawl.integrations.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Where evidence goes and how snapshots are bounded ({@code trawl.integrations.evidence.*}).
 *
 * @param store       {@code directory} (append-only, the embedded default) or {@code s3} (Object Lock; see
 *                    {@code trawl.integrations.s3.*})
 * @param directory   the directory store's folder
 * @param maxPackets  packets per snapshot; beyond it the snapshot is cut and its manifest says so
 * @param maxBytes    captured bytes per snapshot, the same way
 * @param grace       how long after a window's end packets of it may still reach {@code trawl.packets} (capture
 *                    nodes publish in batches, and their clocks differ): a snapshot waits this long past the
 *                    window's end, and reads this far beyond both ends
 * @param maxWindow   the longest window one snapshot may ask for
 * @param readTimeout how long reading one window from Kafka may take before the attempt fails (and is retried)
 * @param spool       folder for snapshots being written; empty for the system's temporary folder
 */
@ConfigurationProperties("trawl.integrations.evidence")
public record EvidenceSettings(
        @DefaultValue("directory") Store store,
        // a String, not a Path: Spring would resolve a Path as a resource location
        @DefaultValue(".trawl/evidence") String directory,
        @DefaultValue("1000000") int maxPackets,
        @DefaultValue("256MB") DataSize maxBytes,
        @DefaultValue("5s") Duration grace,
        @DefaultValue("24h") Duration maxWindow,
        @DefaultValue("2m") Duration readTimeout,
        @DefaultValue("") String spool) {

    /** The kinds of {@link EvidenceStore}. */
    public enum Store { DIRECTORY, S3 }

    public EvidenceSettings {
        if (maxPackets < 1) {
            throw new IllegalArgumentException("trawl.integrations.evidence.max-packets is " + maxPackets
                    + "; it must be at least 1");
        }
        if (maxBytes.toBytes() < 1) {
            throw new IllegalArgumentException("trawl.integrations.evidence.max-bytes is " + maxBytes
                    + "; it must be at least 1B");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("trawl.integrations.evidence.grace is " + grace
                    + "; it cannot be negative");
        }
        if (!maxWindow.isPositive() || !readTimeout.isPositive()) {
            throw new IllegalArgumentException("trawl.integrations.evidence.max-window and read-timeout must be "
                    + "positive (are " + maxWindow + " and " + readTimeout + ")");
        }
    }
}
