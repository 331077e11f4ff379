package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping's details, on messages built by the decoder from short inputs. */
class HttpItemMapperTest {

    private final HttpItemMapper mapper = new HttpItemMapper(DissectorLimits.defaults());

    @Test
    void absoluteFormTargetIsKeptAsSentAndSplitIntoParts() {
        Map<String, Object> r = mapper.request(request("GET http://proxy.example:8080/a/b?x=%41#frag HTTP/1.1\r\n"
                + "Host: other\r\n\r\n"));

        assertThat(r.get("url")).isEqualTo("http://proxy.example:8080/a/b?x=%41#frag");
        assertThat(r.get("targetUri")).isEqualTo("http://proxy.example:8080/a/b?x=%41#frag");
        assertThat(r.get("path")).isEqualTo("/a/b");
        assertThat(r.get("pathSegments")).isEqualTo(List.of("a", "b"));
        assertThat(r.get("queryString")).isEqualTo(Map.of("x", "A"));
    }

    @Test
    void asteriskAndQueryOnlyAbsoluteTargets() {
        assertThat(mapper.request(request("OPTIONS * HTTP/1.1\r\n\r\n"))).containsEntry("path", "*")
                .containsEntry("pathSegments", List.of());
        assertThat(mapper.request(request("GET http://h?q=1 HTTP/1.1\r\n\r\n"))).containsEntry("path", "/")
                .containsEntry("queryString", Map.of("q", "1"));
    }

    @Test
    void requestFieldsComeInAFixedOrder() {
        Map<String, Object> r = mapper.request(request("POST /p HTTP/1.1\r\nContent-Length: 1\r\n\r\nx"));

        assertThat(r.keySet()).containsExactly("method", "url", "targetUri", "path", "pathSegments", "httpVersion",
                "headers", "cookies", "queryString", "headersSize", "bodySize", "postData");
    }

    @Test
    void declaredCharsetIsUsedAndUndeclaredFallsBackToLatin1WhenNotUtf8() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(text(response("Content-Type: text/plain; charset=\"ISO-8859-1\"", latin1))).isEqualTo("café");
        assertThat(text(response("Content-Type: text/plain", latin1))).isEqualTo("café");
        assertThat(text(response("Content-Type: text/plain", "café".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("café");
        assertThat(text(response("Content-Type: text/plain; charset=no-such-charset", "ok".getBytes(
                StandardCharsets.US_ASCII)))).isEqualTo("ok");
    }

    @Test
    void untypedBodiesAreSniffed() {
        assertThat(content(response("X: y", "plain words\r\n".getBytes(StandardCharsets.US_ASCII))))
                .doesNotContainKey("encoding");
        Map<String, Object> binary = content(response("X: y", new byte[] {1, 2, 3}));
        assertThat(binary).containsEntry("encoding", "base64");
        assertThat(binary.get("text")).hasToString("AQID");
    }

    @Test
    void unknownContentCodingIsNamedAndTheBodyKeptAsSent() {
        Map<String, Object> content = content(response("Content-Encoding: br\r\nContent-Type: text/plain",
                new byte[] {(byte) 0x8b, 0x01, (byte) 0x80}));

        assertThat(content.get("comment")).isEqualTo("content coding br not decoded");
        assertThat(content.get("size")).isEqualTo(3L);
        assertThat(content).doesNotContainKey("compression");
    }

    @Test
    void corruptGzipIsNamedAndTheBodyKeptAsSent() {
        Map<String, Object> content = content(response("Content-Encoding: gzip\r\nContent-Type: text/plain",
                "not gzip".getBytes(StandardCharsets.US_ASCII)));

        assertThat((String) content.get("comment")).startsWith("invalid gzip data");
        assertThat(content.get("text")).hasToString("not gzip");
    }

    @Test
    void setCookieWithoutValueAndQuotedCookies() {
        Map<String, Object> r = mapper.request(request("GET / HTTP/1.1\r\nCookie: a=\"q\"; flag; =x; a=2\r\n\r\n"));

        assertThat(r.get("cookies")).isEqualTo(Map.of("a", "\"q\"", "flag", ""));
    }

    private static HttpMessage request(String wire) {
        return decode(HttpMessage.Kind.REQUEST, wire.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpMessage response(String headers, byte[] body) {
        return decode(HttpMessage.Kind.RESPONSE, HttpConnectionTest.response(headers, body));
    }

    private static HttpMessage decode(HttpMessage.Kind kind, byte[] wire) {
        HttpMessage[] found = new HttpMessage[1];
        HttpMessageDecoder decoder = new HttpMessageDecoder(kind, DissectorLimits.defaults(),
                new HttpMessageDecoder.Listener() {
                    @Override
                    public boolean headParsed(HttpMessage message) {
                        return false;
                    }

                    @Override
                    public void messageDone(HttpMessage message) {
                        found[0] = message;
                    }
                });
        decoder.decode(wire, 0, wire.length, 0);
        assertThat(found[0]).isNotNull();
        return found[0];
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> content(HttpMessage response) {
        return (Map<String, Object>) mapper.response(response, List.of()).get("content");
    }

    private String text(HttpMessage response) {
        return content(response).get("text").toString();
    }
}
