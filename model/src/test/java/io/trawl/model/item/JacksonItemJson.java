package io.trawl.model.item;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.Map;

/**
 * The item writer as it was before {@link ItemJson} wrote its own bytes: Jackson's generator, one per item.
 * The oracle that {@link ItemJsonSameAsJacksonTest} holds the new writer to, byte for byte.
 */
final class JacksonItemJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JacksonItemJson() {
    }

    static byte[] toBytes(Item item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("id", item.id());
            g.writeNumberProperty("index", item.index());
            g.writeStringProperty("stream", item.stream());
            g.writeStringProperty("node", item.node());
            g.writeName("protocol");
            g.writeStartObject();
            Protocol p = item.protocol();
            g.writeStringProperty("name", p.name());
            g.writeStringProperty("version", p.version());
            g.writeStringProperty("abbr", p.abbr());
            g.writeStringProperty("longName", p.longName());
            g.writeStringProperty("macro", p.macro());
            g.writeStringProperty("layer4", p.layer4());
            g.writeStringProperty("layer3", "ip");
            g.writeEndObject();
            endpoint(g, "src", item.src());
            endpoint(g, "dst", item.dst());
            g.writeNumberProperty("timestamp", item.timestamp());
            g.writeStringProperty("startTime", item.startTime());
            g.writeName("request");
            value(g, item.request());
            g.writeName("response");
            value(g, item.response());
            g.writeNumberProperty("requestSize", item.requestSize());
            g.writeNumberProperty("responseSize", item.responseSize());
            g.writeNumberProperty("elapsedTime", item.elapsedTime());
            g.writeNumberProperty("elapsedMicros", item.elapsedMicros());
            g.writeName("error");
            if (item.error() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeStringProperty("type", item.error().type());
                g.writeStringProperty("msg", item.error().msg());
                g.writeEndObject();
            }
            g.writeNumberProperty("schemaVersion", ItemJson.SCHEMA_VERSION);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void endpoint(JsonGenerator g, String name, Endpoint e) {
        g.writeName(name);
        g.writeStartObject();
        g.writeStringProperty("ip", e.ip());
        g.writeStringProperty("port", e.port());
        g.writeStringProperty("name", e.name());
        g.writeStringProperty("namespace", e.namespace());
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object v) {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Number n -> g.writeNumber(n.toString());
            case Boolean b -> g.writeBoolean(b);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeName(String.valueOf(e.getKey()));
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object o : c) {
                    value(g, o);
                }
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }
}
