package io.trawl.integrations.snapshot;

import io.trawl.integrations.evidence.DirectoryEvidenceStore;
import io.trawl.integrations.evidence.EvidenceContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredSnapshotsTest {

    @TempDir
    Path dir;

    @Test
    void pagesListTheNewestStoredFirst() throws Exception {
        DirectoryEvidenceStore store = new DirectoryEvidenceStore(dir);
        Instant t = Instant.parse("2026-11-28T09:00:00Z");
        for (String id : List.of("b", "c", "a")) {
            SnapshotManifest manifest = new SnapshotManifest(1, id, "00", 24, "pcap", List.of(), 0, 0,
                    new SnapshotManifest.Window(t, t, 5000), new SnapshotManifest.Filter(List.of(), List.of(),
                    List.of()), false, null, 0, "detect", "onItemCaptured", "why", "node-1", t, t, "here");
            store.put(StoredSnapshots.manifestName(id),
                    EvidenceContent.of(StoredSnapshots.JSON.writeValueAsBytes(manifest)), "application/json");
        }
        Files.setLastModifiedTime(dir.resolve("a.manifest.json"), FileTime.from(t.minusSeconds(30)));
        Files.setLastModifiedTime(dir.resolve("b.manifest.json"), FileTime.from(t.minusSeconds(20)));
        Files.setLastModifiedTime(dir.resolve("c.manifest.json"), FileTime.from(t.minusSeconds(10)));
        StoredSnapshots snapshots = new StoredSnapshots(store);

        StoredSnapshots.Page first = snapshots.list(0, 2);
        StoredSnapshots.Page second = snapshots.list(1, 2);

        assertThat(first.snapshots()).extracting(SnapshotManifest::id).containsExactly("c", "b");
        assertThat(first.total()).isEqualTo(3);
        assertThat(second.snapshots()).extracting(SnapshotManifest::id).containsExactly("a");
        assertThat(snapshots.list(5, 2).snapshots()).isEmpty();
    }

    @Test
    void aPcapngCaptureFileIsTypedAsPcapngAndAnyOtherAsPcap() {
        assertThat(StoredSnapshots.contentType("pcapng")).isEqualTo("application/x-pcapng");
        assertThat(StoredSnapshots.contentType("pcap")).isEqualTo("application/vnd.tcpdump.pcap");
    }
}
