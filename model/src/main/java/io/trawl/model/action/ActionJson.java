package io.trawl.model.action;

import io.trawl.model.json.FlatJson;
import io.trawl.model.json.FlatJson.Fields;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * The JSON of {@link ActionRequest} on {@code trawl.actions}. {@code params} travels as a real JSON object;
 * decoding gives it back as compact JSON text. Unknown fields are skipped; anything wrong throws an
 * {@link IllegalArgumentException} naming the field.
 */
public final class ActionJson {

    public static final int SCHEMA_VERSION = 1;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String WHAT = "action request";

    private ActionJson() {
    }

    public static byte[] encode(ActionRequest action) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + action.params().length());
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("id", action.id());
            g.writeStringProperty("kind", action.kind().wireName());
            g.writeStringProperty("script", action.script());
            g.writeNumberProperty("scriptVersion", action.scriptVersion());
            g.writeStringProperty("origin", action.origin());
            g.writeStringProperty("node", action.node());
            g.writeNumberProperty("createdTime", action.createdTime());
            if (action.throttleKey() != null) {
                g.writeStringProperty("throttleKey", action.throttleKey());
            }
            g.writeName("params");
            FlatJson.copy(action.params(), JsonToken.START_OBJECT, g, WHAT, "params");
            g.writeNumberProperty("schemaVersion", SCHEMA_VERSION);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code json} is not an action request, naming the field at fault */
    public static ActionRequest decode(byte[] json) {
        Fields f = FlatJson.read(json, WHAT, Map.of("params", JsonToken.START_OBJECT));
        long scriptVersion = f.number("scriptVersion", 0);
        if (scriptVersion < 0 || scriptVersion > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(WHAT + ": field 'scriptVersion' is out of range: " + scriptVersion);
        }
        ActionKind kind;
        try {
            kind = ActionKind.fromWireName(f.string("kind"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WHAT + ": field 'kind': " + e.getMessage(), e);
        }
        return new ActionRequest(f.string("id"), kind, f.string("script"), (int) scriptVersion,
                f.optionalString("origin", "unknown"), f.optionalString("node", "unknown"),
                f.number("createdTime"), f.optionalString("throttleKey", null), f.string("params"));
    }
}
