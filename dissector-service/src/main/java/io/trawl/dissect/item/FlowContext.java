package io.trawl.dissect.item;

import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemError;
import io.trawl.model.item.Protocol;

import java.time.Instant;
import java.util.Map;

/**
 * What a dissector knows of the conversation it dissects, and the one way to turn an exchange into an
 * {@link Item}: ids are {@code <node>/<stream>-<index>}, so the same packets always give the same id.
 *
 * @param client     the side that opened the conversation
 * @param server     the other side
 * @param node       the capturing node
 * @param stream     the stream name, unique for the conversation: {@code <layer4>-<flow hash>-<first packet time>}
 * @param startNanos capture time of the conversation's first packet
 */
public record FlowContext(Endpoint client, Endpoint server, String node, String stream, long startNanos) {

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
        return new Item(node + "/" + stream + "-" + index, index, stream, node, protocol, client, server,
                Math.floorDiv(timestampNanos, 1_000_000L), startTime(), request, response, requestSize,
                responseSize, elapsedMicros, error);
    }

    public String startTime() {
        return Instant.ofEpochSecond(Math.floorDiv(startNanos, 1_000_000_000L),
                Math.floorMod(startNanos, 1_000_000_000L)).toString();
    }
}
