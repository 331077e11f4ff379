package io.trawl.dissect.http;

import java.util.ArrayList;
import java.util.List;

/**
 * One request and its response as {@link HttpConnection} pairs them: the request (maybe still arriving), the
 * final response, and any 1xx interim responses before it. An exchange with no request is a response whose
 * request was never seen.
 */
final class HttpExchange {

    final int index;
    HttpMessage request;
    boolean requestDone;
    HttpMessage response;
    boolean responseDone;
    final List<HttpMessage> interim = new ArrayList<>(0);
    /** The request asked to leave HTTP/1.x (Upgrade, CONNECT): what follows it waits for the answer. */
    boolean switchRequested;
    boolean emitted;

    HttpExchange(int index) {
        this.index = index;
    }

    boolean complete() {
        return requestDone && responseDone;
    }

    /** Whether the response is one that leaves HTTP/1.x: 101, or 2xx to CONNECT. */
    boolean switchesProtocols() {
        if (response == null || response.error() != null) {
            return false;
        }
        int status = response.status();
        return status == 101 || status / 100 == 2 && request != null && "CONNECT".equals(request.method());
    }

    /** Whether a response to this request cannot have a body (RFC 9112 section 6.3). */
    boolean responseBodyForbidden(int status) {
        boolean head = request != null && "HEAD".equals(request.method());
        boolean connect = request != null && "CONNECT".equals(request.method()) && status / 100 == 2;
        return head || connect || status / 100 == 1 || status == 204 || status == 304;
    }
}
