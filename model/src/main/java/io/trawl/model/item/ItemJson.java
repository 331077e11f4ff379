package io.trawl.model.item;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes items as JSON, streaming, in a fixed field order. Request and response values may be strings,
 * {@link Utf8Text}, numbers, booleans, null, maps with string keys and collections of those; anything else is
 * written as its string form.
 */
public final class ItemJson {

    public static final int SCHEMA_VERSION = 1;
    private static final int BUFFER_BYTES = 64 * 1024;

    /** Member names with their quotes and colon, after the comma that separates them from the one before. */
    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] INDEX = next("index");
    private static final byte[] STREAM = next("stream");
    private static final byte[] NODE = next("node");
    private static final byte[] PROTOCOL = next("protocol");
    private static final byte[] PROTOCOL_NAME = ascii("{\"name\":");
    private static final byte[] VERSION = next("version");
    private static final byte[] ABBR = next("abbr");
    private static final byte[] LONG_NAME = next("longName");
    private static final byte[] MACRO = next("macro");
    private static final byte[] LAYER4 = next("layer4");
    private static final byte[] LAYER3_IP = ascii(",\"layer3\":\"ip\"}");
    private static final byte[] SRC = next("src");
    private static final byte[] DST = next("dst");
    private static final byte[] IP = ascii("{\"ip\":");
    private static final byte[] PORT = next("port");
    private static final byte[] NAME = next("name");
    private static final byte[] NAMESPACE = next("namespace");
    private static final byte[] TIMESTAMP = next("timestamp");
    private static final byte[] START_TIME = next("startTime");
    private static final byte[] REQUEST = next("request");
    private static final byte[] RESPONSE = next("response");
    private static final byte[] REQUEST_SIZE = next("requestSize");
    private static final byte[] RESPONSE_SIZE = next("responseSize");
    private static final byte[] ELAPSED_TIME = next("elapsedTime");
    private static final byte[] ELAPSED_MICROS = next("elapsedMicros");
    private static final byte[] ERROR = next("error");
    private static final byte[] TYPE = ascii("{\"type\":");
    private static final byte[] MSG = next("msg");
    private static final byte[] SCHEMA = ascii(",\"schemaVersion\":" + SCHEMA_VERSION + "}");

    private ItemJson() {
    }

    public static byte[] toBytes(Item item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        write(item, out);
        return out.toByteArray();
    }

    /** Writes one item as one JSON object (no newline). Does not close {@code out}. */
    public static void write(Item item, OutputStream out) {
        JsonByteWriter w = new JsonByteWriter(out, 4096);
        write(item, w);
        w.flush();
    }

    /**
     * A writer of many items into one output, through one buffer: for a stream of items, cheaper than
     * {@link #write(Item, OutputStream)} per item.
     */
    public static Writer writer(OutputStream out) {
        return new Writer(out);
    }

    /** Writes items one after another into one output; not thread-safe. */
    public static final class Writer {

        private final JsonByteWriter w;

        private Writer(OutputStream out) {
            this.w = new JsonByteWriter(out, BUFFER_BYTES);
        }

        /** One item as one JSON object and a newline. */
        public void writeLine(Item item) {
            write(item, w);
            w.raw((byte) '\n');
        }

        /** Hands what is buffered to the output and flushes it. Does not close it. */
        public void flush() {
            w.flush();
        }
    }

    private static void write(Item item, JsonByteWriter w) {
        string(w, ID, item.id());
        number(w, INDEX, item.index());
        string(w, STREAM, item.stream());
        string(w, NODE, item.node());
        Protocol p = item.protocol();
        w.raw(PROTOCOL);
        string(w, PROTOCOL_NAME, p.name());
        string(w, VERSION, p.version());
        string(w, ABBR, p.abbr());
        string(w, LONG_NAME, p.longName());
        string(w, MACRO, p.macro());
        string(w, LAYER4, p.layer4());
        w.raw(LAYER3_IP);
        endpoint(w, SRC, item.src());
        endpoint(w, DST, item.dst());
        number(w, TIMESTAMP, item.timestamp());
        string(w, START_TIME, item.startTime());
        w.raw(REQUEST);
        w.value(item.request());
        w.raw(RESPONSE);
        w.value(item.response());
        number(w, REQUEST_SIZE, item.requestSize());
        number(w, RESPONSE_SIZE, item.responseSize());
        number(w, ELAPSED_TIME, item.elapsedTime());
        number(w, ELAPSED_MICROS, item.elapsedMicros());
        w.raw(ERROR);
        ItemError error = item.error();
        if (error == null) {
            w.nul();
        } else {
            string(w, TYPE, error.type());
            string(w, MSG, error.msg());
            w.raw((byte) '}');
        }
        w.raw(SCHEMA);
    }

    private static void endpoint(JsonByteWriter w, byte[] name, Endpoint e) {
        w.raw(name);
        string(w, IP, e.ip());
        string(w, PORT, e.port());
        string(w, NAME, e.name());
        string(w, NAMESPACE, e.namespace());
        w.raw((byte) '}');
    }

    /** A member with a string value; Jackson's {@code writeString(null)} wrote null, and so does this. */
    private static void string(JsonByteWriter w, byte[] name, String s) {
        w.raw(name);
        if (s == null) {
            w.nul();
        } else {
            w.string(s);
        }
    }

    private static void number(JsonByteWriter w, byte[] name, long v) {
        w.raw(name);
        w.number(v);
    }

    /** {@code ,"name":} for a name that needs no escape. */
    private static byte[] next(String name) {
        return ascii(",\"" + name + "\":");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
