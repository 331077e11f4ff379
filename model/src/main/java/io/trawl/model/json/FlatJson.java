package io.trawl.model.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the flat JSON objects of Trawl's Kafka messages (jobs, actions) with jackson-core's streaming API:
 * scalar fields by name, and named structured fields (an array or an object) kept as compact JSON text.
 * Unknown fields are skipped, so that a newer writer can add fields without breaking older readers. Every
 * problem throws an {@link IllegalArgumentException} naming the message and the field at fault.
 */
public final class FlatJson {

    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private FlatJson() {
    }

    /**
     * Reads one flat object.
     *
     * @param json       the message's bytes
     * @param what       names the message in errors, e.g. "job registration"
     * @param structured field name to the token its value must start with ({@code START_ARRAY} or
     *                   {@code START_OBJECT}); such values are kept as compact JSON text
     */
    public static Fields read(byte[] json, String what, Map<String, JsonToken> structured) {
        if (json == null) {
            throw new IllegalArgumentException(what + ": no value (null)");
        }
        Map<String, Object> values = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(what + ": expected a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                JsonToken expected = structured.get(name);
                if (expected != null && token != JsonToken.VALUE_NULL) {
                    if (token != expected) {
                        throw new IllegalArgumentException(what + ": field '" + name + "' must be "
                                + describe(expected) + ", was " + describe(token));
                    }
                    values.put(name, compact(p));
                } else {
                    values.put(name, switch (token) {
                        case VALUE_STRING -> p.getString();
                        case VALUE_NUMBER_INT -> p.getNumberValue();
                        case VALUE_TRUE -> Boolean.TRUE;
                        case VALUE_FALSE -> Boolean.FALSE;
                        case VALUE_NULL -> Null.NULL;
                        default -> {
                            p.skipChildren();
                            yield token;
                        }
                    });
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException(what + ": text after the JSON object");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new Fields(what, values);
    }

    /**
     * Writes {@code text}, which must hold exactly one JSON value starting with {@code expected}, into
     * {@code g}.
     *
     * @throws IllegalArgumentException naming {@code what} and {@code field} if it does not
     */
    public static void copy(String text, JsonToken expected, JsonGenerator g, String what, String field) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            if (p.nextToken() != expected) {
                throw new IllegalArgumentException(what + ": field '" + field + "' must be " + describe(expected)
                        + ", was " + abbreviate(text));
            }
            g.copyCurrentStructure(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException(what + ": field '" + field + "' has text after its value");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + ": field '" + field + "' is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String compact(JsonParser p) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), text)) {
            g.copyCurrentStructure(p);
        }
        return text.toString();
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.name();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? "'" + s + "'" : "'" + s.substring(0, 40) + "...'";
    }

    private enum Null { NULL }

    /** The fields of one object, read by name and type. */
    public record Fields(String what, Map<String, Object> values) {

        public String string(String name) {
            Object v = values.get(name);
            if (v == null || v == Null.NULL) {
                throw new IllegalArgumentException(what + ": field '" + name + "' is missing");
            }
            if (!(v instanceof String s)) {
                throw wrongType(name, "a string", v);
            }
            return s;
        }

        public String optionalString(String name, String absent) {
            Object v = values.get(name);
            return v == null || v == Null.NULL ? absent : string(name);
        }

        public long number(String name) {
            Object v = values.get(name);
            if (v == null || v == Null.NULL) {
                throw new IllegalArgumentException(what + ": field '" + name + "' is missing");
            }
            return longValue(name, v);
        }

        public long number(String name, long absent) {
            Object v = values.get(name);
            return v == null || v == Null.NULL ? absent : longValue(name, v);
        }

        public boolean bool(String name, boolean absent) {
            Object v = values.get(name);
            if (v == null || v == Null.NULL) {
                return absent;
            }
            if (!(v instanceof Boolean b)) {
                throw wrongType(name, "a boolean", v);
            }
            return b;
        }

        private long longValue(String name, Object v) {
            if (v instanceof Integer || v instanceof Long) {
                return ((Number) v).longValue();
            }
            if (v instanceof Number) {
                throw new IllegalArgumentException(what + ": field '" + name + "' is out of range: " + v);
            }
            throw wrongType(name, "an integer", v);
        }

        private IllegalArgumentException wrongType(String name, String expected, Object v) {
            String actual = v instanceof JsonToken t ? describe(t)
                    : v instanceof String ? "a string"
                    : v instanceof Boolean ? "a boolean"
                    : "a number";
            return new IllegalArgumentException(what + ": field '" + name + "' must be " + expected + ", was "
                    + actual);
        }
    }
}
