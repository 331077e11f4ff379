package io.trawl.integrations.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where evidence is kept, write-once: an object, once stored, is never replaced, changed or deleted by Trawl.
 * Two kinds, chosen by {@code trawl.integrations.evidence.store}: S3 with Object Lock retention (deployments) and
 * an append-only directory ({@code ./trawl local}).
 *
 * <p>Names are flat: a letter or digit, then letters, digits, {@code .}, {@code _} and {@code -}, at most 200
 * characters, so that they are safe as file names and S3 keys alike.
 */
public interface EvidenceStore {

    Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    /** {@code s3} or {@code directory}: the {@code store} tag of the evidence metrics. */
    String kind();

    /** Where objects go, for logs and the manifest: {@code s3://bucket/prefix} or a directory. */
    String describe();

    /**
     * Stores {@code content} as {@code name}.
     *
     * @throws EvidenceExistsException when {@code name} is already stored (its content is left as it was)
     * @throws IOException             when the store failed; nothing usable was stored under {@code name}
     */
    StoredEvidence put(String name, EvidenceContent content, String contentType)
            throws EvidenceExistsException, IOException;

    /** The stored object called {@code name}, or empty. */
    Optional<StoredEvidence> find(String name) throws IOException;

    /** Reads a stored object; the caller closes the stream. */
    InputStream open(String name) throws IOException;

    /** Every stored object whose name ends with {@code suffix}, in no particular order. */
    List<StoredEvidence> list(String suffix) throws IOException;

    /** @throws IllegalArgumentException naming the rule when {@code name} is not a usable evidence name */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("evidence name '" + name + "' is not usable: it must start with a "
                    + "letter or digit and hold only letters, digits, '.', '_' and '-' (at most 200)");
        }
        return name;
    }
}
