package io.trawl.integrations.action;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code params} object of an action request, read with errors that name the field: {@code webhook:
 * params.url is missing}. Handlers read their parameters through it so that every bad request is refused the
 * same way ({@link InvalidActionException}, dead-lettered); the snapshots API reads its request bodies through it
 * too, so that a REST caller gets the same message in a 400. Typed readers rather than raw JSON nodes keep each
 * check, and its wording, in one place.
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
        return of(what, node);
    }

    /** Params already parsed, such as a REST request's body. */
    public static ActionParams of(String what, JsonNode node) throws InvalidActionException {
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

    /** A required string with more than white space, for names and reasons that an empty one would not do. */
    public String nonBlankString(String field) throws InvalidActionException {
        String value = string(field);
        if (value.isBlank()) {
            throw invalid(field, "must not be blank");
        }
        return value;
    }

    /** A string, or {@code fallback} when absent or null; numbers and booleans read as their text. */
    public String optionalString(String field, String fallback) throws InvalidActionException {
        JsonNode value = present(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isValueNode()) {
            throw invalid(field, "must be a string");
        }
        return value.asString();
    }

    public boolean optionalBoolean(String field, boolean fallback) throws InvalidActionException {
        JsonNode value = present(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return value.asBoolean();
    }

    /** An array of objects, each read as params of its own; empty when absent. */
    public List<ActionParams> objects(String field) throws InvalidActionException {
        JsonNode value = array(field);
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
        JsonNode value = present(field);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
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

    /** An array of strings, numbers and booleans read as their text; empty when absent. */
    public List<String> stringList(String field) throws InvalidActionException {
        List<String> items = new ArrayList<>();
        JsonNode value = array(field);
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isValueNode() || value.get(i).isNull()) {
                throw invalid(field + "[" + i + "]", "must be a string");
            }
            items.add(value.get(i).asString());
        }
        return items;
    }

    /** An array of whole numbers (or strings of digits) from {@code min} to {@code max}; empty when absent. */
    public List<Integer> intList(String field, int min, int max) throws InvalidActionException {
        List<Integer> items = new ArrayList<>();
        JsonNode value = array(field);
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            long number = item.isIntegralNumber() && item.canConvertToLong() ? item.longValue()
                    : item.isString() && item.stringValue().matches("\\d{1,10}") ? Long.parseLong(item.stringValue())
                    : Long.MIN_VALUE;
            if (number < min || number > max) {
                throw invalid(field + "[" + i + "]", "is " + item + ", not a whole number from " + min + " to " + max);
            }
            items.add((int) number);
        }
        return items;
    }

    /**
     * A required time: milliseconds since the epoch (a number or digits), or ISO-8601 text with an offset such as
     * {@code 2026-11-28T09:15:00Z}. Both forms because scripts hold epoch milliseconds and people write ISO text.
     */
    public Instant time(String field) throws InvalidActionException {
        JsonNode value = present(field);
        if (value == null) {
            throw invalid(field, "is missing: give milliseconds since the epoch or an ISO-8601 time");
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        if (!value.isString()) {
            throw invalid(field, "is " + value + ": give milliseconds since the epoch or an ISO-8601 time");
        }
        String text = value.stringValue().strip();
        if (text.matches("\\d{1,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, "'" + text + "' is not an ISO-8601 time with an offset, such as "
                    + "2026-11-28T09:15:00Z, nor milliseconds since the epoch");
        }
    }

    private JsonNode array(String field) throws InvalidActionException {
        JsonNode value = present(field);
        if (value == null) {
            return JSON.createArrayNode();
        }
        if (!value.isArray()) {
            throw invalid(field, "must be an array");
        }
        return value;
    }

    /** The value of {@code field}, or null when it is absent or JSON null: the two mean the same here. */
    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** An error naming {@code field}, for checks a handler makes itself. */
    public InvalidActionException invalid(String field, String problem) {
        return new InvalidActionException(what + ": " + path + "." + field + " " + problem);
    }
}
