package io.trawl.integrations.action;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code params} object of an action request, read with errors that name the field: {@code webhook:
 * params.url is missing}. Handlers read their parameters through it so that every bad request is refused the
 * same way ({@link InvalidActionException}, dead-lettered).
 */
public final class ActionParams {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String what;
    private final String path;
    private final JsonNode node;

    private ActionParams(String what, String path, JsonNode node) {
        this.what = what;
        this.path = path;
        this.node = node;
    }

    /** @param what names the request in errors, such as the kind's wire name */
    public static ActionParams parse(String what, String json) throws InvalidActionException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidActionException(what + ": params are not JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode)) {
            throw new InvalidActionException(what + ": params must be a JSON object");
        }
        return new ActionParams(what, "params", node);
    }

    /** A required string. */
    public String string(String field) throws InvalidActionException {
        String value = optionalString(field, null);
        if (value == null) {
            throw invalid(field, "is missing");
        }
        return value;
    }

    /** A string, or {@code fallback} when absent or null; numbers and booleans read as their text. */
    public String optionalString(String field, String fallback) throws InvalidActionException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isValueNode()) {
            throw invalid(field, "must be a string");
        }
        return value.asString();
    }

    public boolean optionalBoolean(String field, boolean fallback) throws InvalidActionException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return value.asBoolean();
    }

    /** An array of objects, each read as params of its own; empty when absent. */
    public List<ActionParams> objects(String field) throws InvalidActionException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array");
        }
        List<ActionParams> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                throw invalid(field + "[" + i + "]", "must be an object");
            }
            items.add(new ActionParams(what, path + "." + field + "[" + i + "]", value.get(i)));
        }
        return items;
    }

    /** An object of strings (such as headers), in its order; empty when absent. */
    public Map<String, String> strings(String field) throws InvalidActionException {
        JsonNode value = node.get(field);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (!value.isObject()) {
            throw invalid(field, "must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw invalid(field + "." + entry.getKey(), "must be a string");
            }
            result.put(entry.getKey(), entry.getValue().asString());
        }
        return result;
    }

    /** An error naming {@code field}, for checks a handler makes itself. */
    public InvalidActionException invalid(String field, String problem) {
        return new InvalidActionException(what + ": " + path + "." + field + " " + problem);
    }
}
