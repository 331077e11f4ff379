package io.trawl.dissect.http;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.item.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer 2: real captures from {@code testdata/pcaps}, replayed connection by connection, compared line by line
 * with a golden baseline ({@code golden/*.tsv} beside this class). Run with {@code -Dtrawl.golden.update=true}
 * to rewrite the baselines after a deliberate change, and review the diff. The sizes pinned there were checked
 * against tshark 4.0 ({@code tcp.len}, {@code tcp.reassembled.length}, and the bodies
 * {@code --export-objects http} writes); {@link HttpTsharkCrossCheckTest} checks methods, URIs and statuses.
 */
class HttpCaptureTest {

    static final Path GOLDEN = Path.of("src/test/resources/io/trawl/dissect/http/golden");

    static Stream<String> captures() {
        return Stream.of("http/keepalive-chunked-gzip.pcap", "http/post-100continue-chunked-gzip.pcap",
                "http/pipelined-requests.pcap", "vlan/triple-tagged-http.pcap",
                "websocket/fragmented-binary-ping-close.pcap", "websocket/permessage-deflate.pcap",
                "http2/h2c-upgrade-from-http11.pcap");
    }

    @ParameterizedTest
    @MethodSource("captures")
    void itemsMatchTheGoldenBaseline(String capture) throws Exception {
        List<String> actual = GoldenSummary.lines(CaptureReplay.replay(capture, DissectorLimits.defaults()));
        String name = capture.replace('/', '_').replace(".pcap", ".tsv");
        if (Boolean.getBoolean("trawl.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.write(GOLDEN.resolve(name), actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).containsExactlyElementsOf(golden(name));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void capturesFedByteByByteGiveTheSameItems(String capture) throws Exception {
        assertThat(GoldenSummary.lines(CaptureReplay.replay(capture, DissectorLimits.defaults(), 1)))
                .containsExactlyElementsOf(GoldenSummary.lines(CaptureReplay.replay(capture,
                        DissectorLimits.defaults())));
    }

    @Test
    void keepAliveChunkedGzipDecodesToWhatTsharkExports() throws Exception {
        List<Item> items = only(CaptureReplay.replay("http/keepalive-chunked-gzip.pcap", DissectorLimits.defaults()));

        assertThat(items).extracting(i -> content(i).get("size")).containsExactly(85419L, 659L, 50L);
        assertThat(items).extracting(Item::error).containsOnlyNulls();
        assertThat(content(items.get(2)).get("text")).asString()
                .isEqualTo("<html xmlns=\"http://www.w3.org/1999/xhtml\"></html>");
        assertThat(items.get(0).response().get("headers")).asString().contains("Transfer-Encoding=chunked");
    }

    @Test
    void continueExchangesKeepTheirInterimResponse() throws Exception {
        List<CaptureReplay.Connection> connections = CaptureReplay.replay("http/post-100continue-chunked-gzip.pcap",
                DissectorLimits.defaults());

        assertThat(connections).hasSize(9);
        List<Item> items = connections.stream().flatMap(c -> c.items().stream()).toList();
        assertThat(items).hasSize(10).extracting(Item::error).containsOnlyNulls();
        assertThat(items).filteredOn(i -> i.response().containsKey("_interimResponses")).hasSize(3);
    }

    @Test
    void fortyPipelinedRequestsPairInOrder() throws Exception {
        List<Item> items = only(CaptureReplay.replay("http/pipelined-requests.pcap", DissectorLimits.defaults()));

        assertThat(items).hasSize(40).extracting(Item::error).containsOnlyNulls();
        assertThat(items).extracting(Item::index).containsExactlyElementsOf(
                IntStream.range(0, 40).boxed().toList());
        assertThat(items).allSatisfy(i -> assertThat(i.elapsedMicros()).isNotNegative());
    }

    @ParameterizedTest
    @MethodSource("upgrades")
    void afterTheUpgradeTheOtherProtocolMakesNoItems(String capture) throws Exception {
        List<Item> items = only(CaptureReplay.replay(capture, DissectorLimits.defaults()));

        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.response().get("status")).isEqualTo(101);
            assertThat(i.error()).isNull();
        });
    }

    static Stream<String> upgrades() {
        return Stream.of("websocket/fragmented-binary-ping-close.pcap", "websocket/permessage-deflate.pcap",
                "http2/h2c-upgrade-from-http11.pcap");
    }

    private static List<Item> only(List<CaptureReplay.Connection> connections) {
        assertThat(connections).hasSize(1);
        return connections.getFirst().items();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> content(Item item) {
        return (Map<String, Object>) item.response().get("content");
    }

    private static List<String> golden(String name) throws IOException {
        try (InputStream in = HttpCaptureTest.class.getResourceAsStream("golden/" + name)) {
            assertThat(in).as("golden/" + name + "; make it with -Dtrawl.golden.update=true").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
