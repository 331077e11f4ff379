package io.trawl.script.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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

    /** A version of {@code source} with its SHA-256 computed. */
    public static ScriptVersion of(int version, String source, Instant created) {
        return new ScriptVersion(version, source, sha256(source), created);
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code source}. */
    public static String sha256(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
