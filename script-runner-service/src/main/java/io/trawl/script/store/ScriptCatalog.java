package io.trawl.script.store;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * This replica's view of every script: what the compacted {@code trawl.scripts} topic holds, as far as this
 * replica has read it. Thread-safe.
 */
public interface ScriptCatalog {

    /** Every script, in name order. */
    Collection<StoredScript> all();

    Optional<StoredScript> get(String name);

    /**
     * Calls {@code listener} with every change read from the topic from now on, on the store's reader thread,
     * in topic order: the new state, or {@link ScriptChange#deleted()} for a tombstone. The listener is first
     * called once for every script already known, so that it starts from the full state.
     */
    void subscribe(Consumer<ScriptChange> listener);
}
