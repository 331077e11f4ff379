package io.trawl.integrations.evidence;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code params} object of an action request (or of a REST request that does the same), read with errors
 * that name the action and the field: {@code "pcap.snapshot: field 'from' ..."}. Such errors are the caller's
 * to fix, so they are {@link IllegalArgumentException}s: an action that throws one is dead-lettered, a REST
 * request answered 400.
 */
public final class ActionParams {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String what;
    private final JsonNode root;

    private ActionParams(String what, JsonNode root) {
        this.what = what;
        this.root = root;
    }

    /** @param what the action's name, for messages */
    public static ActionParams parse(String what, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + ": params are not JSON: " + e.getOriginalMessage());
        }
        return of(what, root);
    }

    public static ActionParams of(String what, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(what + ": params must be a JSON object");
        }
        return new ActionParams(what, root);
    }

    /** A string field that must be present and not blank. */
    public String string(String field) {
        String value = optionalString(field, null);
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        return value;
    }

    /** A string field, or {@code fallback} when absent or null. */
    public String optionalString(String field, String fallback) {
        JsonNode node = node(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isString()) {
            throw invalid(field, "must be a string");
        }
        return node.stringValue();
    }

    /** The field's value, or null when it is absent or JSON null. */
    public JsonNode node(String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }

    /** An error about {@code field}: {@code "<what>: field '<field>' <problem>"}. */
    public IllegalArgumentException invalid(String field, String problem) {
        return new IllegalArgumentException(what + ": field '" + field + "' " + problem);
    }
}
