package io.trawl.dissect.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDecoderTest {

    private static final byte[] TEXT = "the quick brown fox jumps over the lazy dog ".repeat(20)
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void gzipZlibAndRawDeflateAllDecode() {
        assertThat(decoded("gzip", HttpConnectionTest.gzip(TEXT), 1 << 20)).isEqualTo(TEXT);
        assertThat(decoded("x-gzip", HttpConnectionTest.gzip(TEXT), 1 << 20)).isEqualTo(TEXT);
        assertThat(decoded("deflate", HttpConnectionTest.deflate(TEXT, false), 1 << 20)).isEqualTo(TEXT);
        assertThat(decoded("deflate", HttpConnectionTest.deflate(TEXT, true), 1 << 20)).isEqualTo(TEXT);
    }

    @Test
    void concatenatedGzipMembersDecodeAsOne() {
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.writeBytes(HttpConnectionTest.gzip("one ".getBytes(StandardCharsets.US_ASCII)));
        two.writeBytes(HttpConnectionTest.gzip("two".getBytes(StandardCharsets.US_ASCII)));

        assertThat(new String(decoded("gzip", two.toByteArray(), 100), StandardCharsets.US_ASCII)).isEqualTo("one two");
    }

    @Test
    void stackedCodingsAreUndoneLastFirst() {
        byte[] wire = HttpConnectionTest.gzip(HttpConnectionTest.deflate(TEXT, false));
        ContentDecoder.Decoded d = ContentDecoder.decode(List.of("deflate", "gzip"), wire, wire.length, 1 << 20);

        assertThat(Arrays.copyOf(d.bytes(), d.length())).isEqualTo(TEXT);
        assertThat(d.problem()).isNull();
    }

    @Test
    void bombStopsAtTheLimit() {
        byte[] bomb = HttpConnectionTest.gzip(new byte[10 << 20]);
        ContentDecoder.Decoded d = ContentDecoder.decode(List.of("gzip"), bomb, bomb.length, 4096);

        assertThat(d.length()).isEqualTo(4096);
        assertThat(d.bytes().length).isLessThanOrEqualTo(Math.max(8192, bomb.length * 4));
        assertThat(d.cut()).isTrue();
        assertThat(d.problem()).isEqualTo("decoded body cut at 4096 bytes");
    }

    @Test
    void outputOfExactlyTheLimitIsNotCut() {
        ContentDecoder.Decoded d = ContentDecoder.decode(List.of("gzip"), HttpConnectionTest.gzip(TEXT),
                HttpConnectionTest.gzip(TEXT).length, TEXT.length);

        assertThat(d.cut()).isFalse();
        assertThat(d.length()).isEqualTo(TEXT.length);
    }

    @Test
    void truncatedInputDecodesAsFarAsItGoes() {
        byte[] zipped = HttpConnectionTest.gzip(TEXT);
        ContentDecoder.Decoded d = ContentDecoder.decode(List.of("gzip"), zipped, zipped.length - 12, 1 << 20);

        assertThat(d.cut()).isTrue();
        assertThat(d.length()).isPositive();
        assertThat(Arrays.copyOf(d.bytes(), d.length())).isEqualTo(Arrays.copyOf(TEXT, d.length()));
    }

    @Test
    void invalidDataLeavesTheBodyAsSent() {
        byte[] junk = {1, 2, 3, 4, 5, 6, 7, 8};
        ContentDecoder.Decoded d = ContentDecoder.decode(List.of("deflate"), junk, junk.length, 100);

        assertThat(d.decoded()).isFalse();
        assertThat(d.problem()).startsWith("invalid deflate data");
        assertThat(Arrays.copyOf(d.bytes(), d.length())).isEqualTo(junk);
    }

    private static byte[] decoded(String coding, byte[] wire, int max) {
        ContentDecoder.Decoded d = ContentDecoder.decode(List.of(coding), wire, wire.length, max);
        assertThat(d.problem()).isNull();
        assertThat(d.cut()).isFalse();
        return Arrays.copyOf(d.bytes(), d.length());
    }
}
