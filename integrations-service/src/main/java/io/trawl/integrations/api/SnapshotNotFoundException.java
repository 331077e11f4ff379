package io.trawl.integrations.api;

/** A snapshot that is not stored, with what is known about why. */
class SnapshotNotFoundException extends RuntimeException {
    SnapshotNotFoundException(String message) {
        super(message);
    }
}
