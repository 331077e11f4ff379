package io.trawl.dissect.item;

import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemError;
import io.trawl.model.item.Protocol;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a dissector knows of the conversation it dissects, and the one way to turn an exchange into an
 * {@link Item}: ids are {@code <node>/<stream>-<index>}, so the same packets always give the same id. What is
 * the same for every item of the conversation (the id prefix, the start time as text) is computed once.
 */
public final class FlowContext {

    private final Endpoint client;
    private final Endpoint server;
    private final String node;
    private final String stream;
    private final long startNanos;
    private final String idPrefix;
    private final String startTime;

    /**
     * @param client     the side that opened the conversation
     * @param server     the other side
     * @param node       the capturing node
     * @param stream     the stream name, unique for the conversation: {@code <layer4>-<flow hash>-<first packet time>}
     * @param startNanos capture time of the conversation's first packet
     */
    public FlowContext(Endpoint client, Endpoint server, String node, String stream, long startNanos) {
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
        this.node = Objects.requireNonNull(node, "node");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.startNanos = startNanos;
        this.idPrefix = node + "/" + stream + "-";
        this.startTime = Instant.ofEpochSecond(Math.floorDiv(startNanos, 1_000_000_000L),
                Math.floorMod(startNanos, 1_000_000_000L)).toString();
    }

    /**
     * Builds an item.
     *
     * @param index          ordinal of the exchange in this stream, from 0
     * @param timestampNanos capture time of the exchange's first byte
     * @param elapsedMicros  request's first byte to response's first byte, or -1
     */
    public Item item(int index, Protocol protocol, long timestampNanos, Map<String, Object> request,
                     Map<String, Object> response, long requestSize, long responseSize, long elapsedMicros,
                     ItemError error) {
        return new Item(idPrefix + index, index, stream, node, protocol, client, server,
                Math.floorDiv(timestampNanos, 1_000_000L), startTime, request, response, requestSize,
                responseSize, elapsedMicros, error);
    }

    public Endpoint client() {
        return client;
    }

    public Endpoint server() {
        return server;
    }

    public String node() {
        return node;
    }

    public String stream() {
        return stream;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The conversation's first packet time, RFC 3339 with nanoseconds. */
    public String startTime() {
        return startTime;
    }

    @Override
    public String toString() {
        return "FlowContext[" + stream + " " + client + " -> " + server + " on " + node + "]";
    }
}
