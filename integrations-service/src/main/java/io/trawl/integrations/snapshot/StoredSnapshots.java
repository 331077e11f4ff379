package io.trawl.integrations.snapshot;

import io.trawl.integrations.action.SnapshotFiles;
import io.trawl.integrations.evidence.EvidenceStore;
import io.trawl.integrations.evidence.StoredEvidence;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots in the evidence store: {@code <id>.pcap} and {@code <id>.manifest.json}. A snapshot counts as
 * stored once its manifest is, which is written last. Also what Slack attachments read snapshots through.
 */
public final class StoredSnapshots implements SnapshotFiles {

    static final String PCAP = ".pcap";
    static final String MANIFEST = ".manifest.json";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final EvidenceStore store;

    public StoredSnapshots(EvidenceStore store) {
        this.store = store;
    }

    /** A page of manifests, newest first. */
    public record Page(List<SnapshotManifest> snapshots, int page, int size, int total) {
    }

    public static String pcapName(String id) {
        return id + PCAP;
    }

    public static String manifestName(String id) {
        return id + MANIFEST;
    }

    /** The media type of a capture file of {@code format} ({@code pcap} or {@code pcapng}, as the manifest says). */
    public static String contentType(String format) {
        return "pcapng".equals(format) ? "application/x-pcapng" : "application/vnd.tcpdump.pcap";
    }

    public Optional<SnapshotManifest> manifest(String id) throws IOException {
        SnapshotRequest.checkId(id);
        if (store.find(manifestName(id)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(id));
    }

    private SnapshotManifest read(String id) throws IOException {
        try (InputStream in = store.open(manifestName(id))) {
            return JSON.readValue(in, SnapshotManifest.class);
        } catch (JacksonException e) {
            throw new IOException("the manifest of snapshot " + id + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** Page {@code page} (from 0) of {@code size} snapshots, newest stored first. */
    public Page list(int page, int size) throws IOException {
        List<StoredEvidence> manifests = store.list(MANIFEST).stream()
                .sorted(Comparator.comparing(StoredEvidence::written).thenComparing(StoredEvidence::name).reversed())
                .toList();
        int first = (int) Math.min((long) page * size, manifests.size());
        List<SnapshotManifest> shown = new ArrayList<>();
        for (StoredEvidence m : manifests.subList(first, Math.min(first + size, manifests.size()))) {
            // listed, so stored: read it without asking the store again whether it exists
            shown.add(read(m.name().substring(0, m.name().length() - MANIFEST.length())));
        }
        return new Page(List.copyOf(shown), page, size, manifests.size());
    }

    public InputStream openPcap(String id) throws IOException {
        return store.open(pcapName(SnapshotRequest.checkId(id)));
    }

    @Override
    public Optional<SnapshotFile> find(String snapshotId) throws IOException {
        Optional<SnapshotManifest> manifest = manifest(snapshotId);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        long size = manifest.get().size();
        return Optional.of(new SnapshotFile() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return openPcap(snapshotId);
            }
        });
    }
}
