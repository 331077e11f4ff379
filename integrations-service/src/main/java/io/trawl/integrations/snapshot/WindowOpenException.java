package io.trawl.integrations.snapshot;

import java.time.Duration;

/** A snapshot asked for before its window (plus the grace for late packets) has passed. */
public class WindowOpenException extends Exception {

    private final Duration remaining;

    WindowOpenException(SnapshotRequest request, Duration remaining) {
        super("snapshot " + request.id() + ": its window ends at " + request.to() + " and late packets may arrive "
                + "for a while after; it can be taken in " + remaining.toMillis() + " ms");
        this.remaining = remaining;
    }

    /** How long until the snapshot can be taken. */
    public Duration remaining() {
        return remaining;
    }
}
