package io.trawl.model.job;

import io.trawl.model.json.FlatJson;
import io.trawl.model.json.FlatJson.Fields;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * The JSON of the job messages: {@link JobRegistration} on {@code trawl.jobs}, {@link JobFired} on
 * {@code trawl.jobs.fired} and {@link JobResult} on {@code trawl.jobs.results}, written and read with jackson-core's streaming API.
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
            FlatJson.copy(job.arguments(), JsonToken.START_ARRAY, g, "job registration", "arguments");
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

    public static byte[] encode(JobResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("script", result.script());
            g.writeStringProperty("tag", result.tag());
            g.writeNumberProperty("scheduledTime", result.scheduledTime());
            g.writeNumberProperty("run", result.run());
            g.writeBooleanProperty("manual", result.manual());
            g.writeStringProperty("outcome", result.passed() ? "passed" : "failed");
            if (result.error() != null) {
                g.writeStringProperty("error", result.error());
            }
            g.writeNumberProperty("startedTime", result.startedTime());
            g.writeNumberProperty("durationMillis", result.durationMillis());
            g.writeStringProperty("node", result.node());
            g.writeNumberProperty("schemaVersion", SCHEMA_VERSION);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code json} is not a job result, naming the field at fault */
    public static JobResult decodeResult(byte[] json) {
        String what = "job result";
        Fields f = FlatJson.read(json, what, Map.of());
        String outcome = f.string("outcome");
        if (!outcome.equals("passed") && !outcome.equals("failed")) {
            throw new IllegalArgumentException(what + ": field 'outcome' must be 'passed' or 'failed', was '"
                    + outcome + "'");
        }
        boolean passed = outcome.equals("passed");
        String error = f.optionalString("error", null);
        if (passed && error != null) {
            throw new IllegalArgumentException(what + ": field 'error' is set on a passed run");
        }
        long duration = f.number("durationMillis");
        if (duration < 0) {
            throw new IllegalArgumentException(what + ": field 'durationMillis' must not be negative, was "
                    + duration);
        }
        return new JobResult(f.string("script"), f.string("tag"), f.number("scheduledTime"), f.number("run"),
                f.bool("manual", false), passed, passed ? null : (error == null ? "unknown error" : error),
                f.number("startedTime"), duration, f.optionalString("node", "unknown"));
    }

    /** @throws IllegalArgumentException if {@code json} is not a job registration, naming the field at fault */
    public static JobRegistration decodeRegistration(byte[] json) {
        Fields f = FlatJson.read(json, "job registration", Map.of("arguments", JsonToken.START_ARRAY));
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
        Fields f = FlatJson.read(json, "job fire event", Map.of());
        return new JobFired(f.string("script"), f.string("tag"), f.number("scheduledTime"), f.number("firedTime"),
                f.number("run"), f.bool("manual", false));
    }

}
