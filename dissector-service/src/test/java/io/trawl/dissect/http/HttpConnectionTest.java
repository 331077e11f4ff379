package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.item.ItemError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static io.trawl.dissect.stream.Direction.CLIENT_TO_SERVER;
import static io.trawl.dissect.stream.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/** Layer 1: whole conversations through {@link HttpConnection}, fed whole, byte by byte and at every split. */
class HttpConnectionTest {

    private static final String GET = "GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n";

    @Test
    void keepAliveThreeExchangesPairInOrder() {
        Conversation.Run run = new Conversation()
                .request("GET /one HTTP/1.1\r\nHost: h\r\n\r\n")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Type: text/plain\r\n\r\none")
                .request("GET /two HTTP/1.1\r\nHost: h\r\n\r\n")
                .response("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                .request("GET /three HTTP/1.1\r\nHost: h\r\n\r\n")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nthree")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(3);
        assertThat(run.pendingBeforeClose()).isFalse();
        for (int i = 0; i < 3; i++) {
            JsonNode item = run.json(i);
            assertThat(item.get("index").asInt()).isEqualTo(i);
            assertThat(item.get("error").isNull()).isTrue();
            assertThat(item.at("/protocol/name").asString()).isEqualTo("http");
            assertThat(item.get("elapsedMicros").asLong()).isEqualTo(1000);
        }
        assertThat(run.json(0).at("/request/url").asString()).isEqualTo("/one");
        assertThat(run.json(0).at("/response/content/text").asString()).isEqualTo("one");
        assertThat(run.json(1).at("/response/status").asInt()).isEqualTo(404);
        assertThat(run.json(2).at("/request/path").asString()).isEqualTo("/three");
        assertThat(run.json(2).at("/response/content/text").asString()).isEqualTo("three");
        assertThat(run.json(0).get("requestSize").asLong()).isEqualTo(30);
        assertThat(run.json(0).get("responseSize").asLong()).isEqualTo(67);
        assertThat(run.json(0).get("id").asString()).isEqualTo("node-1/tcp-1f2e3d4c-1700000000000000000-0");
    }

    @Test
    void pipelinedRequestsPairWithResponsesInOrder() {
        Conversation.Run run = new Conversation()
                .request("GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"
                        + "POST /3 HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1"
                        + "HTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\n2"
                        + "HTTP/1.1 202 Accepted\r\nContent-Length: 1\r\n\r\n3")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(run.json(i).at("/request/url").asString()).isEqualTo("/" + (i + 1));
            assertThat(run.json(i).at("/response/status").asInt()).isEqualTo(200 + i);
            assertThat(run.json(i).at("/response/content/text").asString()).isEqualTo(String.valueOf(i + 1));
        }
        assertThat(run.json(2).at("/request/postData/text").asString()).isEqualTo("body");
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsDeframed() {
        Conversation.Run run = new Conversation()
                .request(GET)
                .response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                        + "5;name=value;other=\"x\"\r\nhello\r\n7 ; ext\r\n, world\r\n0\r\nChecksum: abc\r\n"
                        + "Expires: never\r\n\r\n")
                .request(GET)
                .response("HTTP/1.1 204 No Content\r\n\r\n")
                .sameAtEverySplit();

        JsonNode response = run.json(0).get("response");
        assertThat(response.at("/content/text").asString()).isEqualTo("hello, world");
        assertThat(response.get("bodySize").asLong()).isEqualTo(12);
        assertThat(response.at("/_trailers/Checksum").asString()).isEqualTo("abc");
        assertThat(run.beforeClose()).hasSize(2);
        assertThat(run.json(0).get("error").isNull()).isTrue();
        assertThat(run.json(0).get("responseSize").asLong())
                .isEqualTo(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                        + "5;name=value;other=\"x\"\r\nhello\r\n7 ; ext\r\n, world\r\n0\r\nChecksum: abc\r\n"
                        + "Expires: never\r\n\r\n").length());
    }

    @Test
    void closeDelimitedResponseEndsAtFin() {
        Conversation.Run run = new Conversation()
                .request("GET /old HTTP/1.0\r\n\r\n")
                .response("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html>")
                .response("</html>")
                .end(SERVER_TO_CLIENT, false)
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(1);
        assertThat(run.json(0).get("error").isNull()).isTrue();
        assertThat(run.json(0).at("/response/content/text").asString()).isEqualTo("<html></html>");
        assertThat(run.json(0).at("/protocol/version").asString()).isEqualTo("1.0");
    }

    @Test
    void headResponseHasNoBodyDespiteContentLength() {
        Conversation.Run run = new Conversation()
                .request("HEAD /big HTTP/1.1\r\nHost: h\r\n\r\n")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                .request(GET)
                .response("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(2);
        assertThat(run.json(0).at("/response/bodySize").asLong()).isZero();
        assertThat(run.json(0).at("/response/headers/Content-Length").asString()).isEqualTo("1000");
        assertThat(run.json(1).at("/response/content/text").asString()).isEqualTo("ok");
    }

    @Test
    void continue100ThenFinalResponseIsOneExchange() {
        Conversation.Run run = new Conversation()
                .request("POST /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n"
                        + "Content-Type: text/plain\r\n\r\n")
                .response("HTTP/1.1 100 Continue\r\n\r\n")
                .request("12345")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        assertThat(run.all()).hasSize(1);
        JsonNode item = run.json(0);
        assertThat(item.at("/response/status").asInt()).isEqualTo(200);
        assertThat(item.at("/response/_interimResponses/0/status").asInt()).isEqualTo(100);
        assertThat(item.at("/request/postData/text").asString()).isEqualTo("12345");
        // to the final response's first byte: the interim one says nothing of how long the server took
        assertThat(item.get("elapsedMicros").asLong()).isEqualTo(3000);
        assertThat(item.get("error").isNull()).isTrue();
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() {
        Conversation.Run run = new Conversation()
                .request("DELETE /x HTTP/1.1\r\nHost: h\r\n\r\nGET /y HTTP/1.1\r\nIf-None-Match: \"e\"\r\n\r\n"
                        + "GET /z HTTP/1.1\r\n\r\n")
                .response("HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n"
                        + "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: \"e\"\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nz")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).extracting(i -> i.response().get("status")).containsExactly(204, 304, 200);
        assertThat(run.json(2).at("/response/content/text").asString()).isEqualTo("z");
    }

    @Test
    void gzipAndDeflateBodiesAreDecoded() {
        byte[] text = "{\"greeting\":\"grüß dich\"}".getBytes(StandardCharsets.UTF_8);
        Conversation.Run run = new Conversation()
                .request(GET)
                .response(response("Content-Encoding: gzip\r\nContent-Type: application/json", gzip(text)))
                .request(GET)
                .response(response("Content-Encoding: deflate\r\nContent-Type: application/json", deflate(text, false)))
                .request(GET)
                .response(response("Content-Encoding: deflate\r\nContent-Type: application/json", deflate(text, true)))
                .sameAtEverySplit();

        for (int i = 0; i < 3; i++) {
            JsonNode content = run.json(i).at("/response/content");
            assertThat(content.get("text").asString()).isEqualTo("{\"greeting\":\"grüß dich\"}");
            assertThat(content.get("size").asLong()).isEqualTo(text.length);
            assertThat(content.get("compression").asLong())
                    .isEqualTo(text.length - run.json(i).at("/response/bodySize").asLong());
            assertThat(content.has("encoding")).isFalse();
        }
    }

    @Test
    void chunkedGzipIsDeframedBeforeDecoding() {
        byte[] zipped = gzip("chunked and zipped".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.writeBytes(("a\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.write(zipped, 0, 10);
        String secondSize = Integer.toHexString(zipped.length - 10);
        wire.writeBytes(("\r\n" + secondSize + "\r\n").getBytes(StandardCharsets.US_ASCII));
        wire.write(zipped, 10, zipped.length - 10);
        wire.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        Conversation.Run run = new Conversation().request(GET).response(wire.toByteArray()).sameAtEverySplit();

        assertThat(run.json(0).at("/response/content/text").asString()).isEqualTo("chunked and zipped");
        assertThat(run.json(0).at("/response/bodySize").asLong()).isEqualTo(zipped.length);
    }

    @Test
    void gzipBombStopsAtTheDecodedLimitAndSaysSo() {
        byte[] bomb = gzip(new byte[4 << 20]);
        DissectorLimits limits = new DissectorLimits(1024, 8192, 64 * 1024, 32 * 1024, 8, 10_000_000_000L);
        Conversation.Run run = new Conversation().limits(limits)
                .request(GET)
                .response(response("Content-Encoding: gzip\r\nContent-Type: application/octet-stream", bomb))
                .whole();

        JsonNode content = run.json(0).at("/response/content");
        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThat(content.get("size").asLong()).isEqualTo(32 * 1024);
        assertThat(content.get("_truncated").asBoolean()).isTrue();
        assertThat(content.get("comment").asString()).contains("cut at 32768 bytes");
        assertThat(content.get("encoding").asString()).isEqualTo("base64");
        assertThat(content.has("compression")).isFalse();
    }

    @Test
    void gzipBombIsTheSameAtEverySplit() {
        byte[] bomb = gzip(new byte[1 << 20]);
        DissectorLimits limits = new DissectorLimits(1024, 8192, 64 * 1024, 16 * 1024, 8, 10_000_000_000L);
        Conversation.Run run = new Conversation().limits(limits)
                .request(GET)
                .response(response("Content-Encoding: gzip", bomb))
                .sameAtEverySplit();

        assertThat(run.json(0).at("/response/content/size").asLong()).isEqualTo(16 * 1024);
    }

    @Test
    void repeatedHeadersJoinAndSetCookieStaysAList() {
        Conversation.Run run = new Conversation()
                .request("GET / HTTP/1.1\r\nHost: h\r\nAccept: text/html\r\naccept: application/json\r\n"
                        + "Cookie: session=abc; theme=dark\r\nCookie: lang=en\r\n\r\n")
                .response("HTTP/1.1 302 Found\r\nLocation: /login\r\nSet-Cookie: a=1; Path=/\r\n"
                        + "Set-Cookie: b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT\r\nVia: 1.1 x\r\nVia: 1.1 y\r\n"
                        + "Content-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        JsonNode request = run.json(0).get("request");
        assertThat(request.at("/headers/Accept").asString()).isEqualTo("text/html, application/json");
        assertThat(request.at("/headers/Cookie").asString()).isEqualTo("session=abc; theme=dark; lang=en");
        assertThat(request.at("/cookies/session").asString()).isEqualTo("abc");
        assertThat(request.at("/cookies/theme").asString()).isEqualTo("dark");
        assertThat(request.at("/cookies/lang").asString()).isEqualTo("en");
        JsonNode response = run.json(0).get("response");
        assertThat(response.at("/headers/Set-Cookie").isArray()).isTrue();
        assertThat(response.at("/headers/Set-Cookie/1").asString())
                .isEqualTo("b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT");
        assertThat(response.at("/headers/Via").asString()).isEqualTo("1.1 x, 1.1 y");
        assertThat(response.at("/cookies/a").asString()).isEqualTo("1");
        assertThat(response.at("/cookies/b").asString()).isEqualTo("2");
        assertThat(response.get("redirectURL").asString()).isEqualTo("/login");
    }

    @Test
    void queryStringRepeatsBecomeListsAndEscapesAreDecoded() {
        Conversation.Run run = new Conversation()
                .request("GET /search/caf%C3%A9/a%2Fb?q=caf%C3%A9+au+lait&tag=a&tag=b&empty=&flag&bad=%zz HTTP/1.1\r\n"
                        + "Host: shop.example\r\n\r\n")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        JsonNode request = run.json(0).get("request");
        assertThat(request.at("/queryString/q").asString()).isEqualTo("café au lait");
        assertThat(request.at("/queryString/tag/0").asString()).isEqualTo("a");
        assertThat(request.at("/queryString/tag/1").asString()).isEqualTo("b");
        assertThat(request.at("/queryString/empty").asString()).isEmpty();
        assertThat(request.at("/queryString/flag").asString()).isEmpty();
        assertThat(request.at("/queryString/bad").asString()).isEqualTo("%zz");
        assertThat(request.get("path").asString()).isEqualTo("/search/café/a/b");
        assertThat(request.at("/pathSegments/0").asString()).isEqualTo("search");
        assertThat(request.at("/pathSegments/1").asString()).isEqualTo("café");
        assertThat(request.at("/pathSegments/2").asString()).isEqualTo("a/b");
        assertThat(request.get("targetUri").asString())
                .isEqualTo("http://shop.example" + request.get("url").asString());
    }

    @Test
    void formPostHasParams() {
        String form = "user=ann+lee&pass=p%26ss&pass=again";
        Conversation.Run run = new Conversation()
                .request("POST /login HTTP/1.1\r\nHost: h\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + form.length() + "\r\n\r\n" + form)
                .response("HTTP/1.1 303 See Other\r\nLocation: /home\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        JsonNode postData = run.json(0).at("/request/postData");
        assertThat(postData.get("mimeType").asString()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(postData.get("text").asString()).isEqualTo(form);
        assertThat(postData.at("/params/0/name").asString()).isEqualTo("user");
        assertThat(postData.at("/params/0/value").asString()).isEqualTo("ann lee");
        assertThat(postData.at("/params/1/value").asString()).isEqualTo("p&ss");
        assertThat(postData.at("/params/2/value").asString()).isEqualTo("again");
        assertThat(run.json(0).at("/request/bodySize").asLong()).isEqualTo(form.length());
    }

    @Test
    void websocketUpgradeEndsHttpParsingAfter101() {
        byte[] frames = {(byte) 0x82, (byte) 0x85, 1, 2, 3, 4, 'G', 'E', 'T', ' ', 0, 0x0D, 0x0A, (byte) 0xFF};
        Conversation.Run run = new Conversation()
                .request("GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .request(frames)
                .response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
                .response(new byte[] {(byte) 0x81, 0x02, 'h', 'i', 'H', 'T', 'T', 'P', '/', '1', '.', '1'})
                .request(frames)
                .end(CLIENT_TO_SERVER, true)
                .end(SERVER_TO_CLIENT, true)
                .sameAtEverySplit();

        assertThat(run.all()).hasSize(1);
        assertThat(run.json(0).at("/response/status").asInt()).isEqualTo(101);
        assertThat(run.json(0).get("error").isNull()).isTrue();
    }

    @Test
    void h2cUpgradeEndsHttpParsingAfter101() {
        Conversation.Run run = new Conversation()
                .request("GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                        + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
                .response("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                        + "\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0000\u0000")
                .request("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0000\u0000")
                .sameAtEverySplit();

        assertThat(run.all()).hasSize(1);
        assertThat(run.json(0).get("error").isNull()).isTrue();
        assertThat(run.json(0).at("/request/headers/Upgrade").asString()).isEqualTo("h2c");
    }

    @Test
    void refusedUpgradeKeepsParsingHttp() {
        Conversation.Run run = new Conversation()
                .request("GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n" + GET)
                .response("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).extracting(i -> i.response().get("status")).containsExactly(400, 200);
        assertThat(run.pendingBeforeClose()).isFalse();
    }

    @Test
    void connectTunnelIsNotParsedAfter200() {
        Conversation.Run run = new Conversation()
                .request("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
                .request(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o'})
                .response("HTTP/1.1 200 Connection Established\r\n\r\n")
                .response(new byte[] {0x16, 0x03, 0x03, 0x00, 0x01, 0x02})
                .sameAtEverySplit();

        assertThat(run.all()).hasSize(1);
        assertThat(run.json(0).get("error").isNull()).isTrue();
        assertThat(run.json(0).at("/request/path").asString()).isEmpty();
        assertThat(run.json(0).at("/request/targetUri").asString()).isEqualTo("example.com:443");
    }

    @Test
    void resetMidResponseYieldsPartialItemWithError() {
        Conversation.Run run = new Conversation()
                .request(GET)
                .response("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\npartial")
                .end(SERVER_TO_CLIENT, true)
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(1);
        JsonNode item = run.json(0);
        assertThat(item.at("/error/type").asString()).isEqualTo(ItemError.CONNECTION);
        assertThat(item.at("/response/content/text").asString()).isEqualTo("partial");
        assertThat(item.at("/response/content/_truncated").asBoolean()).isTrue();
        assertThat(item.at("/response/status").asInt()).isEqualTo(200);
    }

    @Test
    void gapInFixedLengthBodyKeepsStepAndNextExchangeParses() {
        Conversation.Run run = new Conversation()
                .request(GET)
                .response("HTTP/1.1 200 OK\r\nContent-Length: 20\r\nContent-Type: text/plain\r\n\r\nfirst")
                .gap(SERVER_TO_CLIENT, 10)
                .response("last.")
                .request(GET)
                .response("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(2);
        assertThat(run.json(0).at("/error/type").asString()).isEqualTo(ItemError.GAP);
        assertThat(run.json(0).at("/response/bodySize").asLong()).isEqualTo(20);
        assertThat(run.json(0).at("/response/content/text").asString()).isEqualTo("first");
        assertThat(run.json(1).get("error").isNull()).isTrue();
        assertThat(run.json(1).at("/response/content/text").asString()).isEqualTo("next");
    }

    @Test
    void gapInChunkFramingResynchronisesAtTheNextStatusLine() {
        Conversation.Run run = new Conversation()
                .request(GET + GET)
                .response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n")
                .gap(SERVER_TO_CLIENT, 7)
                .response("ing HTTP/1.1 lost\r\n0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(2);
        assertThat(run.json(0).at("/error/type").asString()).isEqualTo(ItemError.GAP);
        assertThat(run.json(0).at("/response/content/text").asString()).isEqualTo("abcd");
        assertThat(run.json(1).get("error").isNull()).isTrue();
        assertThat(run.json(1).at("/response/content/text").asString()).isEqualTo("next");
    }

    @Test
    void gapInRequestHeadersResynchronisesAtTheNextRequestLine() {
        Conversation.Run run = new Conversation()
                .request("GET /first HTTP/1.1\r\nHost: h\r\nUser-Ag")
                .gap(CLIENT_TO_SERVER, 300)
                .request("ent: x\r\n\r\nPOST /second HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                        + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(2);
        assertThat(run.json(0).at("/error/type").asString()).isEqualTo(ItemError.GAP);
        assertThat(run.json(0).at("/request/url").asString()).isEqualTo("/first");
        assertThat(run.json(1).at("/request/method").asString()).isEqualTo("POST");
        assertThat(run.json(1).at("/response/status").asInt()).isEqualTo(201);
    }

    @Test
    void responseWithoutRequestIsPairNotFound() {
        Conversation.Run run = new Conversation()
                .response("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi")
                .request(GET)
                .response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(2);
        JsonNode orphan = run.json(0);
        assertThat(orphan.at("/error/type").asString()).isEqualTo(ItemError.PAIR_NOT_FOUND);
        assertThat(orphan.get("request").isEmpty()).isTrue();
        assertThat(orphan.get("elapsedMicros").asLong()).isEqualTo(-1);
        assertThat(orphan.get("index").asInt()).isZero();
        assertThat(run.json(1).get("error").isNull()).isTrue();
        assertThat(run.json(1).get("index").asInt()).isEqualTo(1);
    }

    @Test
    void tooLongHeaderLineIsADissectionErrorAndTheDirectionStops() {
        DissectorLimits limits = new DissectorLimits(64, 256, 1024, 1024, 8, 10_000_000_000L);
        Conversation.Run run = new Conversation().limits(limits)
                .request("GET /x HTTP/1.1\r\nX-Long: " + "a".repeat(100) + "\r\n\r\n" + GET)
                .response("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(1);
        JsonNode item = run.json(0);
        assertThat(item.at("/error/type").asString()).isEqualTo(ItemError.DISSECTION);
        assertThat(item.at("/error/msg").asString()).contains("header line longer than 64 bytes");
        assertThat(item.at("/request/url").asString()).isEqualTo("/x");
        assertThat(item.at("/response/status").asInt()).isEqualTo(400);
    }

    @Test
    void tooLargeHeaderBlockIsADissectionError() {
        DissectorLimits limits = new DissectorLimits(64, 256, 1024, 1024, 8, 10_000_000_000L);
        Conversation.Run run = new Conversation().limits(limits)
                .request(GET)
                .response("HTTP/1.1 200 OK\r\n" + "X-Filler: 0123456789012345678901234567890123456789\r\n".repeat(6)
                        + "\r\n")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(1);
        assertThat(run.json(0).at("/error/msg").asString()).contains("header block larger than 256 bytes");
        assertThat(run.json(0).at("/response/status").asInt()).isEqualTo(200);
    }

    @Test
    void nonHttpGarbageIsADissectionErrorItem() {
        byte[] tls = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03, '\r', '\n'};
        Conversation.Run run = new Conversation()
                .request(tls)
                .response(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46})
                .request(GET)
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(1);
        JsonNode item = run.json(0);
        assertThat(item.at("/error/type").asString()).isEqualTo(ItemError.DISSECTION);
        assertThat(item.at("/error/msg").asString()).isEqualTo("not HTTP/1.x: \\x16");
        assertThat(run.all()).hasSize(1);
    }

    @Test
    void requestsWaitingAtCloseGetAConnectionError() {
        Conversation.Run run = new Conversation().leavesPending()
                .request(GET + "GET /b HTTP/1.1\r\n\r\n" + "POST /c HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(1);
        assertThat(run.pendingBeforeClose()).isTrue();
        assertThat(run.all()).hasSize(3);
        assertThat(run.json(1).at("/error/type").asString()).isEqualTo(ItemError.CONNECTION);
        assertThat(run.json(1).at("/error/msg").asString()).contains("test over");
        assertThat(run.json(1).get("response").isEmpty()).isTrue();
        assertThat(run.json(2).at("/request/postData/text").asString()).isEqualTo("abc");
        assertThat(run.json(2).at("/request/postData/_truncated").asBoolean()).isTrue();
    }

    @Test
    void serverFinEndsTheWaitOfUnansweredRequests() {
        Conversation.Run run = new Conversation()
                .request(GET + GET)
                .response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .end(SERVER_TO_CLIENT, false)
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(2);
        assertThat(run.json(1).at("/error/msg").asString()).isEqualTo("no response: the server closed the connection");
        assertThat(run.pendingBeforeClose()).isFalse();
    }

    @Test
    void openTransactionsAreBoundedAndLaterPairsStayAligned() {
        DissectorLimits limits = new DissectorLimits(1024, 4096, 1024, 1024, 2, 10_000_000_000L);
        Conversation.Run run = new Conversation().limits(limits)
                .request("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n3")
                .sameAtEverySplit();

        assertThat(run.all()).hasSize(4);
        assertThat(run.json(0).at("/request/url").asString()).isEqualTo("/1");
        assertThat(run.json(0).at("/error/type").asString()).isEqualTo(ItemError.PAIR_NOT_FOUND);
        assertThat(run.json(1).at("/response/content/text").asString()).isEqualTo("1");
        assertThat(run.json(1).get("request").isEmpty()).isTrue();
        assertThat(run.json(2).at("/request/url").asString()).isEqualTo("/2");
        assertThat(run.json(2).at("/response/content/text").asString()).isEqualTo("2");
        assertThat(run.json(3).at("/request/url").asString()).isEqualTo("/3");
        assertThat(run.json(3).at("/response/content/text").asString()).isEqualTo("3");
    }

    @Test
    void requestWithoutResponseTimesOut() {
        DissectorLimits limits = new DissectorLimits(1024, 4096, 1024, 1024, 8, 5_000_000_000L);
        Conversation.Run run = new Conversation().limits(limits)
                .request("GET /slow HTTP/1.1\r\n\r\n")
                .after(6_000_000_000L)
                .request("GET /next HTTP/1.1\r\n\r\n")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nslow")
                .response("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(3);
        assertThat(run.json(0).at("/error/type").asString()).isEqualTo(ItemError.TIMEOUT);
        assertThat(run.json(1).at("/error/type").asString()).isEqualTo(ItemError.PAIR_NOT_FOUND);
        assertThat(run.json(1).at("/response/content/text").asString()).isEqualTo("slow");
        assertThat(run.json(2).at("/request/url").asString()).isEqualTo("/next");
        assertThat(run.json(2).at("/response/content/text").asString()).isEqualTo("next");
    }

    @Test
    void clientCutMidRequestIsEmittedWithItsResponse() {
        Conversation.Run run = new Conversation()
                .request("PUT /file HTTP/1.1\r\nContent-Length: 1000\r\n\r\nonly some")
                .end(CLIENT_TO_SERVER, false)
                .response("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .sameAtEverySplit();

        assertThat(run.beforeClose()).hasSize(1);
        assertThat(run.json(0).at("/error/type").asString()).isEqualTo(ItemError.CONNECTION);
        assertThat(run.json(0).at("/request/bodySize").asLong()).isEqualTo(9);
        assertThat(run.json(0).at("/response/status").asInt()).isEqualTo(400);
    }

    @Test
    void binaryBodyIsBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
        Conversation.Run run = new Conversation()
                .request(GET)
                .response(response("Content-Type: image/png", png))
                .sameAtEverySplit();

        JsonNode content = run.json(0).at("/response/content");
        assertThat(content.get("encoding").asString()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(content.get("text").asString())).isEqualTo(png);
        assertThat(content.get("mimeType").asString()).isEqualTo("image/png");
    }

    static byte[] response(String headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("HTTP/1.1 200 OK\r\n" + headers + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(data);
        deflater.finish();
        byte[] buf = new byte[data.length + 64];
        int n = deflater.deflate(buf);
        deflater.end();
        return Arrays.copyOf(buf, n);
    }
}
