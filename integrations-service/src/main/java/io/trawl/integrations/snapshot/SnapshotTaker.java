package io.trawl.integrations.snapshot;

import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.integrations.evidence.EvidenceExistsException;
import io.trawl.integrations.evidence.EvidenceStore;
import io.trawl.integrations.evidence.StoredEvidence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Takes a snapshot: reads its window back from {@code trawl.packets}, writes the capture file, and stores it and
 * then its manifest write-once. The one way snapshots are made, for {@code pcap.snapshot} actions and the REST API
 * alike.
 *
 * <p>Taking the same snapshot again is safe: a stored manifest is returned as it is; a capture file stored by
 * an attempt that died before its manifest is kept when the new attempt produced the same bytes, and otherwise
 * the snapshot fails, naming both digests (the window's packets changed, for example because retention removed
 * some), since evidence is never replaced.
 */
public final class SnapshotTaker {

    private static final Logger log = LoggerFactory.getLogger(SnapshotTaker.class);

    private final PacketWindow window;
    private final EvidenceStore store;
    private final StoredSnapshots snapshots;
    private final SnapshotMetrics metrics;
    private final Duration grace;
    private final Path spool;
    private final Clock clock;

    public SnapshotTaker(PacketWindow window, EvidenceStore store, SnapshotMetrics metrics, Duration grace, Path spool,
                         Clock clock) {
        this.window = window;
        this.store = store;
        this.snapshots = new StoredSnapshots(store);
        this.metrics = metrics;
        this.grace = grace;
        this.spool = spool;
        this.clock = clock;
    }

    /** When the snapshot can be taken: the end of its window plus the grace for late packets. */
    public Instant readyAt(SnapshotRequest request) {
        return request.to().plusMillis(1).plus(grace);
    }

    /**
     * @throws WindowOpenException when the window has not passed yet
     * @throws TimeoutException    when Kafka did not deliver the window in time
     * @throws IOException         when the store failed
     */
    public SnapshotManifest take(SnapshotRequest request) throws WindowOpenException, IOException, TimeoutException {
        Duration remaining = Duration.between(clock.instant(), readyAt(request));
        if (remaining.isPositive()) {
            throw new WindowOpenException(request, remaining);
        }
        Optional<SnapshotManifest> done = snapshots.manifest(request.id());
        if (done.isPresent()) {
            log.info("Snapshot {} is already stored; request from {} / {} is done", request.id(), request.script(),
                    request.origin());
            return done.get();
        }
        try (SnapshotWriter writer = new SnapshotWriter(spool)) {
            PacketWindow.Result result = window.read(request.from(), request.to(), request.filter(), writer);
            EvidenceContent pcap = writer.finish();
            StoredEvidence stored = storePcap(request.id(), pcap, writer.format());
            SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.VERSION, request.id(),
                    pcap.sha256Hex(), pcap.size(), writer.format(), writer.linkTypes(), result.packets(),
                    result.capturedBytes(),
                    new SnapshotManifest.Window(request.from(), request.to(), grace.toMillis()),
                    SnapshotManifest.Filter.of(request.filter()), result.truncated(), result.cutBy(),
                    result.unreadableRecords(), request.script(), request.origin(), request.reason(), request.node(),
                    request.requestedTime(), stored.written(), stored.location());
            SnapshotManifest kept = storeManifest(manifest);
            metrics.stored(kept);
            log.info("Snapshot {} stored at {}: {} packets, {} bytes{}, sha256 {}", kept.id(), kept.location(),
                    kept.packets(), kept.size(), kept.truncated() ? " (cut at " + kept.truncatedBy() + ")" : "",
                    kept.sha256());
            return kept;
        } catch (IOException | TimeoutException | RuntimeException e) {
            metrics.failed();
            throw e;
        }
    }

    private StoredEvidence storePcap(String id, EvidenceContent pcap, String format) throws IOException {
        String name = StoredSnapshots.pcapName(id);
        try {
            return store.put(name, pcap, StoredSnapshots.contentType(format));
        } catch (EvidenceExistsException e) {
            StoredEvidence earlier = store.find(name).orElseThrow(() -> new IOException(e.getMessage(), e));
            String earlierSha = earlier.sha256();
            if (earlierSha == null) {
                try (InputStream in = store.open(name)) {
                    earlierSha = EvidenceContent.sha256Hex(in);
                }
            }
            if (!earlierSha.equals(pcap.sha256Hex())) {
                throw new IllegalStateException(e.getMessage() + " without a manifest, from an earlier attempt, and "
                        + "its sha256 " + earlierSha + " differs from this attempt's " + pcap.sha256Hex()
                        + ": the window's packets changed; the stored file is kept and this snapshot fails");
            }
            log.info("{}: kept the capture file of an earlier attempt (same sha256)", e.location());
            return earlier;
        }
    }

    private SnapshotManifest storeManifest(SnapshotManifest manifest) throws IOException {
        byte[] json = StoredSnapshots.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        try {
            store.put(StoredSnapshots.manifestName(manifest.id()), EvidenceContent.of(json), "application/json");
            return manifest;
        } catch (EvidenceExistsException e) {
            // taken at the same time by another attempt, which won
            return snapshots.manifest(manifest.id()).orElseThrow(() -> new IOException(e.getMessage(), e));
        }
    }
}
