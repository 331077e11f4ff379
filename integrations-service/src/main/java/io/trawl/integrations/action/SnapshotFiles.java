package io.trawl.integrations.action;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads stored PCAP snapshots back by id, for handlers that attach one to a message (a {@code slackBot} file
 * given as {@code {name, snapshot}}). Implemented by the evidence store.
 */
public interface SnapshotFiles {

    /** A stored snapshot's PCAP: its size in bytes and a way to read it. */
    interface SnapshotFile {
        long size();

        InputStream open() throws IOException;
    }

    /**
     * The snapshot called {@code snapshotId}, or empty when it is not stored (yet: a snapshot requested by the
     * same script a moment earlier may still be being written, so callers retry).
     */
    Optional<SnapshotFile> find(String snapshotId) throws IOException;
}
