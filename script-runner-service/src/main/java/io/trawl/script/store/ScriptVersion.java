package io.trawl.script.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One immutable version of a script's source.
 *
 * @param version 1 for the first source, then one more for each update
 * @param source  the JavaScript source
 * @param sha256  lowercase hex SHA-256 of the source's UTF-8 bytes
 * @param created when this version was stored
 */
public record ScriptVersion(int version, String source, String sha256, Instant created) {

    public ScriptVersion {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(created, "created");
    }
}
