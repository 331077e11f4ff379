package io.trawl.dissect.dns;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.item.ItemSink;
import io.trawl.dissect.stream.Direction;
import io.trawl.model.item.ItemError;
import io.trawl.model.item.Protocol;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-flow state of DNS: queries waiting for their response, keyed by direction and id, and the one place
 * items are made. A message that cannot be read whole still pairs by its header when 12 bytes of it are there,
 * and the item carries the reason.
 */
final class DnsTransactions {

    private record Pending(DnsMessage query, long size, long timestampNanos, ItemError error) {
    }

    private final FlowContext flow;
    private final Protocol protocol;
    private final DissectorLimits limits;
    private final ItemSink sink;
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private int index;

    DnsTransactions(FlowContext flow, Protocol protocol, DissectorLimits limits, ItemSink sink) {
        this.flow = flow;
        this.protocol = protocol;
        this.limits = limits;
        this.sink = sink;
    }

    /** One whole message. */
    void message(Direction direction, byte[] buffer, int offset, int length, long timestampNanos) {
        expire(timestampNanos);
        DnsMessage message;
        try {
            message = DnsParser.parse(buffer, offset, length);
        } catch (DnsFormatException e) {
            damaged(direction, buffer, offset, length, length, timestampNanos,
                    new ItemError(ItemError.DISSECTION, e.getMessage()));
            return;
        } catch (RuntimeException e) {
            // A parser bug must not stop the partition; the fuzz targets exist to keep this branch unused.
            damaged(direction, buffer, offset, length, length, timestampNanos,
                    new ItemError(ItemError.DISSECTION, "parser failed: " + e));
            return;
        }
        accept(direction, message, length, timestampNanos, null);
    }

    /**
     * A message that could not be read whole ({@code length} bytes of which {@code received} are here); paired
     * by its header when that much arrived, else emitted alone.
     */
    void damaged(Direction direction, byte[] buffer, int offset, int received, long length, long timestampNanos,
                 ItemError error) {
        expire(timestampNanos);
        DnsMessage header;
        try {
            header = DnsParser.parseHeader(buffer, offset, received);
        } catch (DnsFormatException e) {
            boolean request = direction == Direction.CLIENT_TO_SERVER;
            emit(timestampNanos, Map.of(), Map.of(), request ? length : 0, request ? 0 : length, -1, error);
            return;
        }
        accept(direction, header, length, timestampNanos, error);
    }

    /** Something the flow lost that belongs to no message, such as lost framing. */
    void report(long timestampNanos, ItemError error) {
        emit(timestampNanos, Map.of(), Map.of(), 0, 0, -1, error);
    }

    /** Emits the queries that have waited {@code transactionTimeoutNanos} or more by {@code nowNanos}. */
    void expire(long nowNanos) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (nowNanos - p.timestampNanos() >= limits.transactionTimeoutNanos()) {
                it.remove();
                unanswered(p, new ItemError(ItemError.TIMEOUT, "no response within "
                        + limits.transactionTimeoutNanos() / 1_000_000 + " ms"));
            }
        }
    }

    /** Emits every query still waiting, after those that timed out, with {@code error}. */
    void close(long timestampNanos, ItemError error) {
        expire(timestampNanos);
        for (Pending p : pending.values()) {
            unanswered(p, error);
        }
        pending.clear();
    }

    private void accept(Direction direction, DnsMessage message, long size, long timestampNanos, ItemError error) {
        if (!message.qr()) {
            int key = key(direction, message.id());
            Pending previous = pending.remove(key);
            if (previous != null) {
                unanswered(previous, new ItemError(ItemError.TIMEOUT, "no response before the next query with id "
                        + message.id()));
            }
            if (pending.size() >= limits.maxOpenTransactions()) {
                Iterator<Pending> oldest = pending.values().iterator();
                Pending evicted = oldest.next();
                oldest.remove();
                unanswered(evicted, new ItemError(ItemError.PAIR_NOT_FOUND, "evicted unanswered: more than "
                        + limits.maxOpenTransactions() + " queries were waiting on this flow"));
            }
            pending.put(key, new Pending(message, size, timestampNanos, error));
            return;
        }
        Pending query = pending.remove(key(direction.reverse(), message.id()));
        if (query == null) {
            emit(timestampNanos, Map.of(), DnsItemMapper.response(message), 0, size, -1, error != null ? error
                    : new ItemError(ItemError.PAIR_NOT_FOUND, "response with id " + message.id()
                    + " to a query that was not seen"));
            return;
        }
        long elapsedMicros = Math.max(0, timestampNanos - query.timestampNanos()) / 1000;
        emit(query.timestampNanos(), DnsItemMapper.request(query.query()), DnsItemMapper.response(message),
                query.size(), size, elapsedMicros, query.error() != null ? query.error() : error);
    }

    private void unanswered(Pending p, ItemError error) {
        emit(p.timestampNanos(), DnsItemMapper.request(p.query()), Map.of(), p.size(), 0, -1,
                p.error() != null ? p.error() : error);
    }

    private void emit(long timestampNanos, Map<String, Object> request, Map<String, Object> response,
                      long requestSize, long responseSize, long elapsedMicros, ItemError error) {
        sink.emit(flow.item(index++, protocol, timestampNanos, request, response, requestSize, responseSize,
                elapsedMicros, error));
    }

    private static int key(Direction direction, int id) {
        return direction.ordinal() << 16 | id;
    }
}
