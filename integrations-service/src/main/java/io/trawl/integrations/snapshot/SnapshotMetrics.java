package io.trawl.integrations.snapshot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code trawl.integrations.snapshots{outcome}} (written, truncated: written but cut at a bound, failed: an
 * attempt that failed), and the size of each stored snapshot: {@code trawl.integrations.snapshot.bytes} (capture
 * file bytes) and {@code trawl.integrations.snapshot.packets}.
 */
public final class SnapshotMetrics {

    private final Counter written;
    private final Counter truncated;
    private final Counter failed;
    private final DistributionSummary bytes;
    private final DistributionSummary packets;

    public SnapshotMetrics(MeterRegistry registry) {
        written = outcome(registry, "written");
        truncated = outcome(registry, "truncated");
        failed = outcome(registry, "failed");
        bytes = DistributionSummary.builder("trawl.integrations.snapshot.bytes")
                .description("Size of each stored snapshot's capture file")
                .baseUnit("bytes")
                .register(registry);
        packets = DistributionSummary.builder("trawl.integrations.snapshot.packets")
                .description("Packets in each stored snapshot")
                .baseUnit("packets")
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("trawl.integrations.snapshots")
                .description("Snapshots stored, and attempts that failed")
                .tag("outcome", outcome)
                .register(registry);
    }

    void stored(SnapshotManifest manifest) {
        (manifest.truncated() ? truncated : written).increment();
        bytes.record(manifest.size());
        packets.record(manifest.packets());
    }

    void failed() {
        failed.increment();
    }
}
