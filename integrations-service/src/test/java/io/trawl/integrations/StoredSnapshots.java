package io.trawl.integrations;

import io.trawl.integrations.action.SnapshotFiles;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Snapshots held in memory, for tests of handlers that attach them; the evidence store implements
 * {@link SnapshotFiles} in the service. A snapshot can be made to appear only after some lookups, as one still
 * being written does.
 */
public final class StoredSnapshots implements SnapshotFiles {

    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> missesLeft = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    /** Stores {@code pcap} as {@code id}, found only from the {@code misses + 1}-th lookup on. */
    public void store(String id, byte[] pcap, int misses) {
        stored.put(id, pcap);
        missesLeft.put(id, new AtomicInteger(misses));
    }

    public int lookups() {
        return lookups.get();
    }

    @Override
    public Optional<SnapshotFile> find(String snapshotId) {
        lookups.incrementAndGet();
        byte[] pcap = stored.get(snapshotId);
        if (pcap == null || missesLeft.get(snapshotId).getAndDecrement() > 0) {
            return Optional.empty();
        }
        return Optional.of(new SnapshotFile() {
            @Override
            public long size() {
                return pcap.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(pcap);
            }
        });
    }
}
