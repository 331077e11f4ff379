package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.item.ItemSink;
import io.trawl.dissect.stream.Direction;
import io.trawl.dissect.stream.StreamDissector;
import io.trawl.model.item.ItemError;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The HTTP/1.x dissector of one TCP connection: one {@link HttpMessageDecoder} per direction, and the flow
 * state that pairs responses with requests first-in first-out, as keep-alive and pipelining require. One item
 * per exchange, emitted when its response ends, numbered in request order.
 *
 * <p>Response framing follows the request: no body after HEAD, 204 or 304; 1xx interim responses (100
 * Continue) are kept with the exchange but do not answer it; 101 Switching Protocols and a 2xx to CONNECT end
 * HTTP on the connection (the exchange is emitted, the rest ignored), and bytes sent after an Upgrade or CONNECT
 * request wait, unparsed, for the answer to say whether they are still HTTP. Incomplete exchanges are still
 * items: a response with no request seen is {@code pair-not-found}; requests left unanswered when the server
 * ends, or at close, are {@code connection}; bytes lost in capture make {@code gap}.
 *
 * <p>Bounds: at most {@code maxOpenTransactions} requests wait for responses (the oldest is emitted alone,
 * {@code pair-not-found}, when another arrives); a request waits at most {@code transactionTimeoutNanos} of
 * capture time for its response to begin (then {@code timeout}). A response that comes after its request was
 * emitted alone is emitted alone too, so later pairs stay aligned. Called from one thread; never throws on
 * traffic.
 */
public final class HttpConnection implements StreamDissector {

    private final FlowContext ctx;
    private final DissectorLimits limits;
    private final ItemSink sink;
    private final HttpItemMapper mapper;
    private final HttpMessageDecoder requests;
    private final HttpMessageDecoder responses;
    private final ArrayDeque<HttpExchange> open = new ArrayDeque<>();
    private HttpExchange requestExchange;
    private HttpMessage response;
    private HttpExchange responseExchange;
    private int nextIndex;
    /** Responses still to come for requests already emitted alone (timed out or evicted). */
    private int unanswerable;
    /** Set once no more responses can come: why the requests still waiting got none. */
    private ItemError noMoreResponses;

    public HttpConnection(FlowContext ctx, DissectorLimits limits, ItemSink sink) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.mapper = new HttpItemMapper(limits);
        this.requests = new HttpMessageDecoder(HttpMessage.Kind.REQUEST, limits, new RequestSide());
        this.responses = new HttpMessageDecoder(HttpMessage.Kind.RESPONSE, limits, new ResponseSide());
    }

    @Override
    public void data(Direction direction, byte[] buffer, int offset, int length, long timestampNanos) {
        expire(timestampNanos);
        decoder(direction).decode(buffer, offset, length, timestampNanos);
    }

    @Override
    public void gap(Direction direction, long missing, long timestampNanos) {
        expire(timestampNanos);
        decoder(direction).gap(missing);
    }

    @Override
    public void end(Direction direction, boolean reset, long timestampNanos) {
        decoder(direction).end(reset);
        if (direction == Direction.SERVER_TO_CLIENT) {
            responsesOver(ItemError.CONNECTION, "no response: the server " + (reset ? "reset" : "closed")
                    + " the connection");
        }
    }

    @Override
    public void close(long timestampNanos, String reason) {
        requests.close(reason);
        responses.close(reason);
        responsesOver(ItemError.CONNECTION, "no response before the connection closed (" + reason + ")");
    }

    /** Whether anything is waiting: a message in progress, held bytes, or a request without its response. */
    boolean hasPending() {
        return !open.isEmpty() || requests.hasPending() || responses.hasPending();
    }

    private HttpMessageDecoder decoder(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? requests : responses;
    }

    private HttpExchange openExchange(HttpMessage request) {
        if (open.size() >= limits.maxOpenTransactions()) {
            HttpExchange oldest = open.pollFirst();
            if (oldest.response == null) {
                unanswerable++;
            }
            emit(oldest, new ItemError(ItemError.PAIR_NOT_FOUND, "more than " + limits.maxOpenTransactions()
                    + " requests waiting for responses: emitted without its response"));
        }
        HttpExchange exchange = new HttpExchange(nextIndex++);
        exchange.request = request;
        open.addLast(exchange);
        return exchange;
    }

    /** Emits requests whose response has not begun after the transaction timeout, oldest first. */
    private void expire(long nowNanos) {
        while (!open.isEmpty() && !responses.inMessage()) {
            HttpExchange oldest = open.peekFirst();
            if (!oldest.requestDone || oldest.response != null
                    || nowNanos - oldest.request.firstByteNanos() <= limits.transactionTimeoutNanos()) {
                return;
            }
            open.pollFirst();
            unanswerable++;
            emit(oldest, new ItemError(ItemError.TIMEOUT, "no response within "
                    + limits.transactionTimeoutNanos() / 1_000_000 + " ms"));
        }
    }

    private HttpExchange claimFor(HttpMessage message) {
        if (unanswerable > 0) {
            unanswerable--;
            return null;
        }
        for (HttpExchange exchange : open) {
            if (exchange.response == null) {
                exchange.response = message;
                return exchange;
            }
        }
        return null;
    }

    private void responsesOver(String type, String why) {
        if (noMoreResponses == null) {
            noMoreResponses = new ItemError(type, why);
        }
        flush();
    }

    /** Emits finished exchanges from the oldest on; responses come in request order, so nothing overtakes. */
    private void flush() {
        while (!open.isEmpty()) {
            HttpExchange oldest = open.peekFirst();
            if (oldest.complete()) {
                open.pollFirst();
                emit(oldest, null);
            } else if (noMoreResponses != null && oldest.requestDone && !oldest.responseDone) {
                open.pollFirst();
                emit(oldest, noMoreResponses);
            } else {
                return;
            }
        }
    }

    private void emit(HttpExchange exchange, ItemError error) {
        exchange.emitted = true;
        sink.emit(mapper.item(ctx, exchange, error));
    }

    private void switchProtocols() {
        requests.switchProtocols();
        responses.switchProtocols();
        responsesOver(ItemError.CONNECTION, "no response: the connection switched protocols");
    }

    private final class RequestSide implements HttpMessageDecoder.Listener {

        @Override
        public boolean headParsed(HttpMessage message) {
            requestExchange = openExchange(message);
            requestExchange.switchRequested = "CONNECT".equals(message.method())
                    || message.headers().contains("Upgrade");
            return false;
        }

        @Override
        public void messageDone(HttpMessage message) {
            HttpExchange exchange = requestExchange != null && requestExchange.request == message
                    ? requestExchange : openExchange(message);
            requestExchange = null;
            exchange.requestDone = true;
            if (exchange.switchRequested && message.error() == null && !exchange.responseDone) {
                requests.hold();
            }
            flush();
        }
    }

    private final class ResponseSide implements HttpMessageDecoder.Listener {

        @Override
        public boolean headParsed(HttpMessage message) {
            int status = message.status();
            if (status / 100 == 1 && status != 101) {
                return true;
            }
            response = message;
            responseExchange = claimFor(message);
            return responseExchange != null ? responseExchange.responseBodyForbidden(status)
                    : status / 100 == 1 || status == 204 || status == 304;
        }

        @Override
        public void messageDone(HttpMessage message) {
            int status = message.status();
            if (message.error() == null && status / 100 == 1 && status != 101) {
                open.stream().filter(e -> e.response == null).findFirst().ifPresent(e -> e.interim.add(message));
                return;
            }
            HttpExchange exchange = response == message ? responseExchange : claimFor(message);
            response = null;
            responseExchange = null;
            if (exchange == null || exchange.emitted) {
                exchange = new HttpExchange(nextIndex++);
                exchange.response = message;
                exchange.responseDone = true;
                emit(exchange, new ItemError(ItemError.PAIR_NOT_FOUND, "response without a request seen"));
            } else {
                exchange.responseDone = true;
            }
            if (exchange.switchesProtocols()) {
                flush();
                switchProtocols();
            } else if (exchange.switchRequested) {
                requests.release();
            }
            if (responses.gaveUp()) {
                responsesOver(ItemError.DISSECTION, "no response parsed: the responses stopped being HTTP/1.x");
            }
            flush();
        }
    }
}
