package io.trawl.integrations.evidence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Counts the writes of another store as {@code trawl.integrations.evidence.writes{store, outcome}}, outcome
 * {@code written}, {@code exists} (refused: the name was taken) or {@code failed}.
 */
public final class MeteredEvidenceStore implements EvidenceStore {

    private final EvidenceStore store;
    private final Counter written;
    private final Counter exists;
    private final Counter failed;

    public MeteredEvidenceStore(EvidenceStore store, MeterRegistry registry) {
        this.store = store;
        this.written = counter(registry, store, "written");
        this.exists = counter(registry, store, "exists");
        this.failed = counter(registry, store, "failed");
    }

    private static Counter counter(MeterRegistry registry, EvidenceStore store, String outcome) {
        return Counter.builder("trawl.integrations.evidence.writes")
                .description("Objects written to the evidence store, by outcome")
                .tag("store", store.kind())
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public String kind() {
        return store.kind();
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public StoredEvidence put(String name, EvidenceContent content, String contentType)
            throws EvidenceExistsException, IOException {
        try {
            StoredEvidence stored = store.put(name, content, contentType);
            written.increment();
            return stored;
        } catch (EvidenceExistsException e) {
            exists.increment();
            throw e;
        } catch (IOException | RuntimeException e) {
            failed.increment();
            throw e;
        }
    }

    @Override
    public Optional<StoredEvidence> find(String name) throws IOException {
        return store.find(name);
    }

    @Override
    public InputStream open(String name) throws IOException {
        return store.open(name);
    }

    @Override
    public List<StoredEvidence> list(String suffix) throws IOException {
        return store.list(suffix);
    }
}
