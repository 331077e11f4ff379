package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemError;
import io.trawl.model.item.Protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an exchange into an {@link Item} whose request and response are HAR-like maps, in the field names
 * Kubeshark's scripts read, always in the same order.
 *
 * <p>Header fields become an object of name to value; a name sent more than once (compared ignoring case,
 * spelled as first sent) has its values joined with {@code ", "}, as RFC 9110 section 5.3 allows, except
 * {@code Set-Cookie}, whose values may themselves hold commas (in {@code Expires}) and so is always a list, and
 * {@code Cookie}, joined with {@code "; "} as one Cookie field would be (RFC 9113 section 8.2.3).
 * Fields beyond HAR's start with an underscore: {@code _trailers}, {@code _interimResponses} (1xx before the
 * final response), and in content {@code _truncated} when the text is less than the whole body. Bodies are
 * decoded within {@code maxDecodedBodyBytes} (see {@link BodyContent}).
 */
public final class HttpItemMapper {

    private static final List<String> ERROR_PRECEDENCE = List.of(ItemError.DISSECTION, ItemError.GAP,
            ItemError.CONNECTION, ItemError.TIMEOUT, ItemError.PAIR_NOT_FOUND);

    private final int maxDecodedBodyBytes;

    public HttpItemMapper(DissectorLimits limits) {
        this.maxDecodedBodyBytes = limits.maxDecodedBodyBytes();
    }

    /**
     * The item of one exchange. Its error is the gravest of the request's, the response's and
     * {@code exchangeError} (dissection, gap, connection, timeout, pair-not-found; the request's first on a tie).
     */
    Item item(FlowContext ctx, HttpExchange exchange, ItemError exchangeError) {
        HttpMessage req = exchange.request;
        HttpMessage resp = exchange.response;
        ItemError error = gravest(req == null ? null : req.error(), resp == null ? null : resp.error(),
                exchangeError);
        long timestamp = req != null ? req.firstByteNanos() : resp.firstByteNanos();
        long elapsed = req != null && resp != null
                ? Math.max(0, Math.floorDiv(resp.firstByteNanos() - req.firstByteNanos(), 1000L)) : -1;
        String version = req != null && req.version() != null ? req.version()
                : resp != null && resp.version() != null ? resp.version() : "HTTP/1.1";
        return ctx.item(exchange.index, Protocol.http(version.substring("HTTP/".length())), timestamp,
                req == null ? Map.of() : request(req), resp == null ? Map.of() : response(resp, exchange.interim),
                req == null ? 0 : req.wireSize(), resp == null ? 0 : resp.wireSize(), elapsed, error);
    }

    public Map<String, Object> request(HttpMessage m) {
        Map<String, Object> r = LinkedHashMap.newLinkedHashMap(14);
        RequestTarget target = null;
        if (m.method() != null) {
            target = RequestTarget.parse(m.method(), m.target());
            r.put("method", m.method());
            r.put("url", m.target());
            r.put("targetUri", RequestTarget.absoluteUri(target, m.target(), m.headers().first("Host")));
            r.put("path", target.path());
            r.put("pathSegments", target.segments());
        }
        r.put("httpVersion", m.version() == null ? "" : m.version());
        r.put("headers", headers(m.headers()));
        r.put("cookies", Cookies.fromCookie(m.headers().all("Cookie")));
        r.put("queryString", UrlEncodedFields.asObject(target == null ? null : target.query()));
        r.put("headersSize", m.headersSize());
        r.put("bodySize", m.bodySize());
        if (m.bodySize() > 0) {
            r.put("postData", postData(m));
        }
        if (m.trailers().size() > 0) {
            r.put("_trailers", headers(m.trailers()));
        }
        return r;
    }

    public Map<String, Object> response(HttpMessage m, List<HttpMessage> interim) {
        Map<String, Object> r = LinkedHashMap.newLinkedHashMap(12);
        if (m.status() >= 0) {
            r.put("status", m.status());
            r.put("statusText", m.reason());
        }
        r.put("httpVersion", m.version() == null ? "" : m.version());
        r.put("headers", headers(m.headers()));
        r.put("cookies", Cookies.fromSetCookie(m.headers().all("Set-Cookie")));
        r.put("headersSize", m.headersSize());
        r.put("bodySize", m.bodySize());
        String location = m.headers().first("Location");
        r.put("redirectURL", location == null ? "" : location);
        r.put("content", content(m));
        if (!interim.isEmpty()) {
            List<Map<String, Object>> interims = new ArrayList<>(interim.size());
            for (HttpMessage i : interim) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("status", i.status());
                entry.put("statusText", i.reason());
                entry.put("headers", headers(i.headers()));
                interims.add(entry);
            }
            r.put("_interimResponses", interims);
        }
        if (m.trailers().size() > 0) {
            r.put("_trailers", headers(m.trailers()));
        }
        return r;
    }

    private Map<String, Object> content(HttpMessage m) {
        BodyContent body = BodyContent.of(m, maxDecodedBodyBytes);
        Map<String, Object> c = LinkedHashMap.newLinkedHashMap(7);
        c.put("size", body.size());
        if (body.compression() != null) {
            c.put("compression", body.compression());
        }
        c.put("mimeType", mimeType(m));
        c.put("text", body.text());
        if (body.base64()) {
            c.put("encoding", "base64");
        }
        if (body.problem() != null) {
            c.put("comment", body.problem());
        }
        if (body.truncated()) {
            c.put("_truncated", true);
        }
        return c;
    }

    private Map<String, Object> postData(HttpMessage m) {
        BodyContent body = BodyContent.of(m, maxDecodedBodyBytes);
        Map<String, Object> p = LinkedHashMap.newLinkedHashMap(7);
        p.put("mimeType", mimeType(m));
        p.put("text", body.text());
        if (body.base64()) {
            p.put("encoding", "base64");
        }
        boolean form = BodyContent.mediaType(m.headers().first("Content-Type"))
                .equals("application/x-www-form-urlencoded");
        p.put("params", form && !body.base64() ? UrlEncodedFields.asParams(body.text().toString()) : List.of());
        if (body.problem() != null) {
            p.put("comment", body.problem());
        }
        if (body.truncated()) {
            p.put("_truncated", true);
        }
        return p;
    }

    private static String mimeType(HttpMessage m) {
        String type = m.headers().first("Content-Type");
        return type == null ? "" : type;
    }

    static Map<String, Object> headers(HttpHeaders fields) {
        Map<String, Object> headers = LinkedHashMap.newLinkedHashMap(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String name = firstSpelling(fields, i);
            String value = fields.value(i);
            Object previous = headers.get(name);
            if (name.equalsIgnoreCase("Set-Cookie")) {
                @SuppressWarnings("unchecked")
                List<Object> values = previous == null ? new ArrayList<>() : (List<Object>) previous;
                values.add(value);
                headers.put(name, values);
            } else {
                String separator = name.equalsIgnoreCase("Cookie") ? "; " : ", ";
                headers.put(name, previous == null ? value : previous + separator + value);
            }
        }
        return headers;
    }

    /** The name of field {@code i} as first sent: the earliest field with the same lower-case name. */
    private static String firstSpelling(HttpHeaders fields, int i) {
        String lower = fields.lowerName(i);
        for (int j = 0; j < i; j++) {
            if (fields.lowerName(j).equals(lower)) {
                return fields.name(j);
            }
        }
        return fields.name(i);
    }

    private static ItemError gravest(ItemError... errors) {
        ItemError gravest = null;
        for (ItemError e : errors) {
            if (e != null && (gravest == null
                    || rank(e) < rank(gravest))) {
                gravest = e;
            }
        }
        return gravest;
    }

    private static int rank(ItemError e) {
        int rank = ERROR_PRECEDENCE.indexOf(e.type());
        return rank < 0 ? ERROR_PRECEDENCE.size() : rank;
    }
}
