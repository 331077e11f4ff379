package io.trawl.model.item;

import java.util.Map;
import java.util.Objects;

/**
 * One protocol-level exchange (an HTTP request with its response, a DNS query with its answer) as it travels
 * on {@code trawl.items} and reaches scripts as {@code data}. Field names follow Kubeshark's item so its
 * scripts run unchanged; {@code docs/item.schema.json} is the published schema.
 *
 * @param id            deterministic: {@code <node>/<stream>-<index>}; the same packets give the same id
 * @param index         ordinal of this exchange within its stream
 * @param stream        the L4 stream: {@code <layer4>-<flow hash>-<first packet time>}
 * @param node          node that captured the packets
 * @param timestamp     capture time of the first request byte (or response, if no request), Unix ms
 * @param startTime     first packet of the stream, RFC 3339 with nanoseconds
 * @param request       protocol-specific request fields, or an empty map when none was seen
 * @param response      protocol-specific response fields, or an empty map when none was seen
 * @param elapsedMicros request's first byte to the response's first byte; -1 when one of them is missing
 * @param error         why the item is incomplete, or null
 */
public record Item(String id, int index, String stream, String node, Protocol protocol, Endpoint src, Endpoint dst,
                   long timestamp, String startTime, Map<String, Object> request, Map<String, Object> response,
                   long requestSize, long responseSize, long elapsedMicros, ItemError error) {

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        request = request == null ? Map.of() : request;
        response = response == null ? Map.of() : response;
    }

    /** Kubeshark's {@code elapsedTime}: milliseconds, rounded down; -1 when unknown. */
    public long elapsedTime() {
        return elapsedMicros < 0 ? -1 : elapsedMicros / 1000;
    }
}
