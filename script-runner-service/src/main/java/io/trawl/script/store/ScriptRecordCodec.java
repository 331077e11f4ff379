package io.trawl.script.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value of a {@code trawl.scripts} record: a {@link StoredScript} as JSON, with a format number so that a
 * later layout can be told apart. Decoding checks everything a runner relies on (valid name, key equal to the
 * name, versions in increasing order, each SHA-256 matching its source) and refuses the record otherwise.
 *
 * <pre>{@code
 * {"format":1,"name":"slow-dns","enabled":true,"disabledReason":null,
 *  "created":"2026-11-28T05:00:00Z","updated":"2026-11-28T05:10:00Z",
 *  "versions":[{"version":1,"sha256":"9f86…","created":"2026-11-28T05:00:00Z","source":"function onItemCaptured(d) {}"}]}
 * }</pre>
 */
public final class ScriptRecordCodec {

    public static final int FORMAT = 1;

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ScriptRecordCodec() {
    }

    public static byte[] encode(StoredScript script) {
        List<VersionJson> versions = script.versions().stream()
                .map(v -> new VersionJson(v.version(), v.sha256(), v.created().toString(), v.source()))
                .toList();
        return JSON.writeValueAsBytes(new ScriptJson(FORMAT, script.name(), script.enabled(),
                script.disabledReason(), script.created().toString(), script.updated().toString(), versions));
    }

    /**
     * The script a record holds.
     *
     * @param key   the record's key, which must equal the script's name
     * @param value the record's value (not a tombstone)
     * @throws IllegalArgumentException naming what is wrong when the record is not a valid script
     */
    public static StoredScript decode(String key, byte[] value) {
        ScriptJson json;
        try {
            json = JSON.readValue(value, ScriptJson.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not script JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null) {
            throw new IllegalArgumentException("not script JSON: the value is JSON null");
        }
        if (json.format() == null || json.format() != FORMAT) {
            throw new IllegalArgumentException("unknown format " + json.format() + ", expected " + FORMAT);
        }
        if (json.name() == null || !json.name().equals(key)) {
            throw new IllegalArgumentException("key '" + key + "' and name '" + json.name() + "' differ");
        }
        if (json.versions() == null || json.enabled() == null) {
            throw new IllegalArgumentException("versions or enabled missing");
        }
        List<ScriptVersion> versions = new ArrayList<>(json.versions().size());
        int previous = 0;
        for (VersionJson v : json.versions()) {
            if (v == null || v.version() == null || v.source() == null || v.sha256() == null) {
                throw new IllegalArgumentException("a version lacks its number, source or sha256");
            }
            if (v.version() <= previous) {
                throw new IllegalArgumentException("version " + v.version() + " follows version " + previous);
            }
            if (!ScriptVersion.sha256(v.source()).equals(v.sha256())) {
                throw new IllegalArgumentException("version " + v.version() + ": sha256 does not match its source");
            }
            versions.add(new ScriptVersion(v.version(), v.source(), v.sha256(), instant(v.created(), "created")));
            previous = v.version();
        }
        return new StoredScript(json.name(), json.enabled(), json.disabledReason(), versions,
                instant(json.created(), "created"), instant(json.updated(), "updated"));
    }

    /** The UTF-8 key of a script's record. */
    public static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    private static Instant instant(String text, String field) {
        if (text == null) {
            throw new IllegalArgumentException(field + " missing");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 instant: " + text, e);
        }
    }

    private record ScriptJson(Integer format, String name, Boolean enabled, String disabledReason, String created,
                              String updated, List<VersionJson> versions) {
    }

    private record VersionJson(Integer version, String sha256, String created, String source) {
    }
}
