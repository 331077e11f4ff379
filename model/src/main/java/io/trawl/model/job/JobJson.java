package io.trawl.model.job;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON of the job messages: {@link JobRegistration} on {@code trawl.jobs} and {@link JobFired} on
 * {@code trawl.jobs.fired}, written and read with jackson-core's streaming API.
 *
 * <p>A registration's {@code arguments} travel as a real JSON array (not as a string holding one), so the topic
 * reads naturally; decoding gives them back as compact JSON text. Unknown fields are skipped, so that a newer
 * writer can add fields without breaking older readers. Missing optional fields take their defaults
 * ({@code limit} 0, {@code arguments} {@code []}, {@code scriptVersion} 0, {@code manual} false). Anything else
 * that is wrong throws an {@link IllegalArgumentException} naming the field.
 */
public final class JobJson {

    public static final int SCHEMA_VERSION = 1;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JobJson() {
    }

    public static byte[] encode(JobRegistration job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("script", job.script());
            g.writeStringProperty("tag", job.tag());
            g.writeStringProperty("cron", job.cron());
            g.writeNumberProperty("limit", job.limit());
            g.writeName("arguments");
            copyArguments(job.arguments(), g);
            g.writeNumberProperty("scriptVersion", job.scriptVersion());
            g.writeNumberProperty("schemaVersion", SCHEMA_VERSION);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    public static byte[] encode(JobFired fired) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("script", fired.script());
            g.writeStringProperty("tag", fired.tag());
            g.writeNumberProperty("scheduledTime", fired.scheduledTime());
            g.writeNumberProperty("firedTime", fired.firedTime());
            g.writeNumberProperty("run", fired.run());
            g.writeBooleanProperty("manual", fired.manual());
            g.writeNumberProperty("schemaVersion", SCHEMA_VERSION);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code json} is not a job registration, naming the field at fault */
    public static JobRegistration decodeRegistration(byte[] json) {
        Fields f = read(json, "job registration", "arguments");
        String script = f.string("script");
        String tag = f.string("tag");
        String cron = f.string("cron");
        long limit = f.number("limit", 0);
        String arguments = f.optionalString("arguments", "[]");
        long scriptVersion = f.number("scriptVersion", 0);
        if (limit < 0) {
            throw new IllegalArgumentException("job registration: field 'limit' must not be negative, was " + limit);
        }
        if (scriptVersion < 0 || scriptVersion > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("job registration: field 'scriptVersion' is out of range: "
                    + scriptVersion);
        }
        return new JobRegistration(script, tag, cron, limit, arguments, (int) scriptVersion);
    }

    /** @throws IllegalArgumentException if {@code json} is not a fire event, naming the field at fault */
    public static JobFired decodeFired(byte[] json) {
        Fields f = read(json, "job fire event", null);
        return new JobFired(f.string("script"), f.string("tag"), f.number("scheduledTime"), f.number("firedTime"),
                f.number("run"), f.bool("manual", false));
    }

    /** Writes the arguments text as JSON, checking that it is one array. */
    private static void copyArguments(String arguments, JsonGenerator g) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), arguments)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("job registration: field 'arguments' must be a JSON array, was "
                        + abbreviate(arguments));
            }
            g.copyCurrentStructure(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("job registration: field 'arguments' has text after its array");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("job registration: field 'arguments' is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Reads one flat object; the field named {@code structured} (if any) is kept as compact JSON text. */
    private static Fields read(byte[] json, String what, String structured) {
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
                if (name.equals(structured)) {
                    if (token != JsonToken.START_ARRAY) {
                        throw new IllegalArgumentException(what + ": field '" + name + "' must be an array, was "
                                + describe(token));
                    }
                    StringWriter text = new StringWriter();
                    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), text)) {
                        g.copyCurrentStructure(p);
                    }
                    values.put(name, text.toString());
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

    private static String describe(JsonToken token) {
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

    private record Fields(String what, Map<String, Object> values) {

        String string(String name) {
            Object v = values.get(name);
            if (v == null || v == Null.NULL) {
                throw new IllegalArgumentException(what + ": field '" + name + "' is missing");
            }
            if (!(v instanceof String s)) {
                throw wrongType(name, "a string", v);
            }
            return s;
        }

        String optionalString(String name, String absent) {
            Object v = values.get(name);
            return v == null || v == Null.NULL ? absent : string(name);
        }

        long number(String name) {
            Object v = values.get(name);
            if (v == null || v == Null.NULL) {
                throw new IllegalArgumentException(what + ": field '" + name + "' is missing");
            }
            return longValue(name, v);
        }

        long number(String name, long absent) {
            Object v = values.get(name);
            return v == null || v == Null.NULL ? absent : longValue(name, v);
        }

        boolean bool(String name, boolean absent) {
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
