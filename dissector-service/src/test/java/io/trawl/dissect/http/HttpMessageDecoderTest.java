package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.item.ItemError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.trawl.dissect.http.HttpMessage.Kind.REQUEST;
import static io.trawl.dissect.http.HttpMessage.Kind.RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

/** Layer 1 for the parser alone: every input is also fed byte by byte and split at every point. */
class HttpMessageDecoderTest {

    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final DissectorLimits SMALL = new DissectorLimits(32, 128, 16, 1024, 8, 10_000_000_000L);

    @Test
    void splitChunkSizeLineStillDecodes() {
        List<HttpMessage> messages = everySplit(RESPONSE, DissectorLimits.defaults(),
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a;ext=\"q;x\"\r\nabcdefghijklmnopqrstuvwxyz\r\n"
                        + "0;last\r\n\r\n");

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(body(m)).isEqualTo("abcdefghijklmnopqrstuvwxyz");
            assertThat(m.error()).isNull();
        });
    }

    @Test
    void blankLinesBeforeARequestBelongToNoMessage() {
        List<HttpMessage> messages = everySplit(REQUEST, SMALL,
                "\r\n\r\nGET / HTTP/1.1\r\n\r\n\r\nGET /b HTTP/1.0\r\n\r\n");

        assertThat(messages).extracting(HttpMessage::target).containsExactly("/", "/b");
        assertThat(messages.get(0).wireSize()).isEqualTo("GET / HTTP/1.1\r\n\r\n".length());
    }

    @Test
    void bareLineFeedsEndLinesToo() {
        List<HttpMessage> messages = everySplit(RESPONSE, SMALL, "HTTP/1.1 200 OK\nA: 1\nContent-Length: 2\n\nok");

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.headers().first("a")).isEqualTo("1");
            assertThat(body(m)).isEqualTo("ok");
        });
    }

    @Test
    void foldedHeaderLinesContinueTheFieldBefore() {
        List<HttpMessage> messages = everySplit(REQUEST, SMALL,
                "GET / HTTP/1.1\r\nX-A: one\r\n  two\r\n\tthree\r\n\r\n");

        assertThat(messages.getFirst().headers().first("X-A")).isEqualTo("one two three");
        assertThat(messages.getFirst().error()).isNull();
    }

    @Test
    void headerLineWithoutColonIsFlaggedAndParsingGoesOn() {
        List<HttpMessage> messages = everySplit(REQUEST, SMALL,
                "GET / HTTP/1.1\r\nnonsense\r\nA: 1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n");

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).error().type()).isEqualTo(ItemError.DISSECTION);
        assertThat(messages.get(0).error().msg()).contains("nonsense");
        assertThat(messages.get(0).headers().first("A")).isEqualTo("1");
        assertThat(messages.get(1).error()).isNull();
    }

    @Test
    void invalidOrConflictingContentLengthGivesUp() {
        assertThat(everySplit(REQUEST, SMALL, "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\nGET / HTTP/1.1\r\n\r\n"))
                .singleElement().satisfies(m -> assertThat(m.error().msg()).isEqualTo("invalid Content-Length: 1x"));
        assertThat(everySplit(REQUEST, SMALL, "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"))
                .singleElement().satisfies(m -> assertThat(m.error().msg()).startsWith("conflicting Content-Length"));
        assertThat(everySplit(REQUEST, SMALL, "POST / HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nab"))
                .singleElement().satisfies(m -> assertThat(body(m)).isEqualTo("ab"));
    }

    @Test
    void requestTransferCodingNotEndingInChunkedGivesUp() {
        assertThat(everySplit(REQUEST, SMALL, "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nxx"))
                .singleElement().satisfies(m -> assertThat(m.error().type()).isEqualTo(ItemError.DISSECTION));
    }

    @Test
    void chunkedWinsOverContentLength() {
        assertThat(everySplit(RESPONSE, SMALL,
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                        + "2\r\nab\r\n0\r\n\r\n"))
                .singleElement().satisfies(m -> assertThat(body(m)).isEqualTo("ab"));
    }

    @Test
    void chunkSizeTooLargeOrNotHexGivesUp() {
        assertThat(everySplit(RESPONSE, SMALL, CHUNKED_HEAD + "1000000000000000\r\n"))
                .singleElement().satisfies(m -> assertThat(m.error().msg()).startsWith("invalid chunk-size line"));
        assertThat(everySplit(RESPONSE, SMALL, CHUNKED_HEAD + "-1\r\n"))
                .singleElement().satisfies(m -> assertThat(m.error().type()).isEqualTo(ItemError.DISSECTION));
    }

    @Test
    void chunkDataLongerThanItsSizeGivesUp() {
        assertThat(everySplit(RESPONSE, SMALL, CHUNKED_HEAD + "2\r\nabc\r\n0\r\n\r\n"))
                .singleElement().satisfies(m -> {
                    assertThat(m.error().msg()).isEqualTo("chunk data longer than its chunk size");
                    assertThat(m.bodyCut()).isTrue();
                });
    }

    @Test
    void lineOfExactlyTheLimitIsAcceptedAndOneMoreIsNot() {
        String exact = "X: " + "a".repeat(29);
        assertThat(everySplit(REQUEST, SMALL, "GET / HTTP/1.1\r\n" + exact + "\r\n\r\n"))
                .singleElement().satisfies(m -> assertThat(m.error()).isNull());
        assertThat(everySplit(REQUEST, SMALL, "GET / HTTP/1.1\r\n" + exact + "a\r\n\r\n"))
                .singleElement()
                .satisfies(m -> assertThat(m.error().msg()).isEqualTo("header line longer than 32 bytes"));
    }

    @Test
    void tooLongRequestLineKeepsTheMethodAndTheStartOfTheTarget() {
        assertThat(everySplit(REQUEST, SMALL, "GET /" + "p".repeat(40) + " HTTP/1.1\r\n\r\n"))
                .singleElement().satisfies(m -> {
                    assertThat(m.method()).isEqualTo("GET");
                    assertThat(m.target()).startsWith("/ppp");
                    assertThat(m.error().msg()).isEqualTo("request line longer than 32 bytes");
                });
    }

    @Test
    void bodyBeyondTheKeepLimitIsCountedNotKept() {
        String body = "0123456789abcdefXYZ";
        assertThat(everySplit(REQUEST, SMALL, "PUT / HTTP/1.1\r\nContent-Length: 19\r\n\r\n" + body))
                .singleElement().satisfies(m -> {
                    assertThat(m.bodySize()).isEqualTo(19);
                    assertThat(body(m)).isEqualTo("0123456789abcdef");
                    assertThat(m.bodyCut()).isTrue();
                    assertThat(m.error()).isNull();
                });
    }

    @Test
    void statusLinesAreLenientAboutTheReason() {
        assertThat(everySplit(RESPONSE, SMALL, "HTTP/1.0 404\r\nContent-Length: 0\r\n\r\n"))
                .singleElement().satisfies(m -> {
                    assertThat(m.status()).isEqualTo(404);
                    assertThat(m.reason()).isEmpty();
                });
        assertThat(everySplit(RESPONSE, SMALL, "HTTP/1.1 20 OK\r\n\r\n"))
                .singleElement().satisfies(m -> assertThat(m.error().msg()).startsWith("not an HTTP/1.x status line"));
    }

    @Test
    void responseWithoutLengthEndsWithTheConnection() {
        Collected c = new Collected(RESPONSE, SMALL);
        c.feed("HTTP/1.0 200 OK\r\n\r\nall of ");
        c.feed("it");
        assertThat(c.messages).isEmpty();

        c.decoder.end(false);

        assertThat(c.messages).singleElement().satisfies(m -> {
            assertThat(body(m)).isEqualTo("all of it");
            assertThat(m.error()).isNull();
        });
    }

    @Test
    void gapInsideAFixedBodyIsSkippedAndTheNextMessageFollows() {
        Collected c = new Collected(RESPONSE, SMALL);
        c.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        c.decoder.gap(4);
        c.feed("hij" + "HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(c.messages).hasSize(2);
        assertThat(c.messages.get(0).error().type()).isEqualTo(ItemError.GAP);
        assertThat(c.messages.get(0).bodySize()).isEqualTo(10);
        assertThat(body(c.messages.get(0))).isEqualTo("abc");
        assertThat(c.messages.get(1).status()).isEqualTo(204);
    }

    @Test
    void afterAGapTheNextStartLineIsFoundAcrossReads() {
        for (int split = 0; split <= 12; split++) {
            String after = "xx GET /no HTTP/1.1\r\nGET /yes HTTP/1.1\r\n\r\n";
            Collected c = new Collected(REQUEST, SMALL);
            c.feed("GET /cut HTTP/1.1\r\nHo");
            c.decoder.gap(100);
            c.feed(after.substring(0, split));
            c.feed(after.substring(split));

            assertThat(c.messages).as("split at " + split).extracting(HttpMessage::target)
                    .containsExactly("/cut", "/yes");
        }
    }

    @Test
    void heldBytesWaitForRelease() {
        Collected c = new Collected(REQUEST, SMALL);
        c.feed("GET / HTTP/1.1\r\nUpgrade: x\r\n\r\n");
        c.decoder.hold();
        c.feed("GET /after HTTP/1.1\r\n\r\n");
        assertThat(c.messages).hasSize(1);
        assertThat(c.decoder.hasPending()).isTrue();

        c.decoder.release();

        assertThat(c.messages).extracting(HttpMessage::target).containsExactly("/", "/after");
        assertThat(c.decoder.hasPending()).isFalse();
    }

    @Test
    void endMidHeadersCutsTheMessageWithAConnectionError() {
        Collected c = new Collected(REQUEST, SMALL);
        c.feed("GET / HTTP/1.1\r\nHost: a");
        c.decoder.end(true);
        c.feed("GET /ignored HTTP/1.1\r\n\r\n");

        assertThat(c.messages).singleElement().satisfies(m -> {
            assertThat(m.error().type()).isEqualTo(ItemError.CONNECTION);
            assertThat(m.error().msg()).isEqualTo("connection reset before the message ended");
        });
    }

    private static String body(HttpMessage m) {
        return new String(m.body(), 0, m.bodyLength(), StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code wire} whole, byte by byte and split at every point; asserts the same messages; returns them. */
    private static List<HttpMessage> everySplit(HttpMessage.Kind kind, DissectorLimits limits, String wire) {
        Collected whole = new Collected(kind, limits);
        whole.feed(wire);
        Collected bytes = new Collected(kind, limits);
        for (int i = 0; i < wire.length(); i++) {
            bytes.feed(wire.substring(i, i + 1));
        }
        assertThat(bytes.described()).as("byte by byte").isEqualTo(whole.described());
        for (int split = 1; split < wire.length(); split++) {
            Collected c = new Collected(kind, limits);
            c.feed(wire.substring(0, split));
            c.feed(wire.substring(split));
            assertThat(c.described()).as("split at " + split).isEqualTo(whole.described());
        }
        return whole.messages;
    }

    private static final class Collected implements HttpMessageDecoder.Listener {
        final List<HttpMessage> messages = new ArrayList<>();
        final HttpMessageDecoder decoder;

        Collected(HttpMessage.Kind kind, DissectorLimits limits) {
            decoder = new HttpMessageDecoder(kind, limits, this);
        }

        void feed(String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            decoder.decode(b, 0, b.length, 1L);
        }

        @Override
        public boolean headParsed(HttpMessage message) {
            return message.status() / 100 == 1 || message.status() == 204 || message.status() == 304;
        }

        @Override
        public void messageDone(HttpMessage message) {
            messages.add(message);
        }

        List<String> described() {
            return messages.stream().map(m -> m.method() + " " + m.target() + " " + m.status() + " "
                    + m.headers().size() + " " + m.headersSize() + " " + m.bodySize() + " " + m.wireSize() + " "
                    + body(m) + " " + m.bodyCut() + " " + m.error()).toList();
        }
    }
}
