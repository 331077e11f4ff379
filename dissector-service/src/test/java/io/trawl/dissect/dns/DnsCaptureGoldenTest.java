package io.trawl.dissect.dns;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemError;
import io.trawl.model.item.ItemJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Real captures through {@link DnsDissector}, compared field by field with the items kept in
 * {@code golden/<capture>.items.jsonl}. Run with {@code -Dtrawl.golden.update=true} to rewrite those files
 * after a deliberate change, then review the diff; {@link DnsTsharkCrossCheckTest} checks the messages
 * themselves against tshark.
 */
class DnsCaptureGoldenTest {

    static final Path PCAPS = Path.of("../testdata/pcaps");
    private static final Path GOLDEN = Path.of("src/test/resources/io/trawl/dissect/dns/golden");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap", "dns/tcp-multiple-queries-one-segment.pcap",
            "pcapng/multi-interface-dns.pcapng", "malformed/dns-compression-pointer-abuse.pcap"})
    void itemsMatchTheGoldenFile(String capture) throws IOException {
        List<Item> items = replay(capture);
        List<String> actual = new ArrayList<>();
        for (Item item : items) {
            ItemJsonRoundTrip.check(item);
            actual.add(new String(ItemJson.toBytes(item), StandardCharsets.UTF_8));
        }
        Path golden = GOLDEN.resolve(Path.of(capture).getFileName() + ".items.jsonl");
        if (Boolean.getBoolean("trawl.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.write(golden, actual);
        }
        List<String> expected = Files.readAllLines(golden);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertThat(JSON.readTree(actual.get(i))).as("item %d of %s", i, capture)
                    .isEqualTo(JSON.readTree(expected.get(i)));
        }
        assertThat(actual).as("items of %s", capture).hasSameSizeAs(expected);
    }

    @Test
    void twentyQueriesInOneSegmentGiveTwentyAnsweredItems() throws IOException {
        List<Item> items = replay("dns/tcp-multiple-queries-one-segment.pcap");

        assertThat(items).hasSize(20).allSatisfy(item -> {
            assertThat(item.error()).isNull();
            assertThat(item.protocol().layer4()).isEqualTo("tcp");
            assertThat(item.response()).containsEntry("code", "Non-Existent Domain").containsEntry("rcode", 3);
        });
        assertThat(items).extracting(i -> i.request().get("id")).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(items).extracting(DnsCaptureGoldenTest::firstQuestionName).contains("0.google.com", "19.google.com");
    }

    @Test
    void compressionPointerAbuseIsOneDissectionItemAndNoHang() {
        List<Item> items = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> replay("malformed/dns-compression-pointer-abuse.pcap"));

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.error().type()).isEqualTo(ItemError.DISSECTION);
            assertThat(item.error().msg()).contains("compression pointer");
            assertThat(item.response()).containsEntry("id", 0xc980);
            assertThat(item.responseSize()).isEqualTo(63165);
        });
    }

    @Test
    void pcapngWithTwoInterfacesGivesThreeAnsweredItems() throws IOException {
        List<Item> items = replay("pcapng/multi-interface-dns.pcapng");

        assertThat(items).hasSize(3).allSatisfy(item -> assertThat(item.error()).isNull());
        assertThat(items).extracting(DnsCaptureGoldenTest::firstQuestionName)
                .containsExactly("www.apple.com", "google.com", "google.com");
    }

    @Test
    void authoritativeServerCaptureGivesEveryMessageOnce() throws IOException {
        List<Item> items = replay("dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap");
        Map<String, Integer> errors = new TreeMap<>();
        int queries = 0;
        int responses = 0;
        for (Item item : items) {
            errors.merge(item.error() == null ? "none" : item.error().type(), 1, Integer::sum);
            queries += item.request().isEmpty() ? 0 : 1;
            responses += item.response().isEmpty() ? 0 : 1;
        }

        // tshark counts 20 queries and 65 responses. 15 queries are answered; 55, 56, 76 and 82 never are, and
        // 81 is sent again as 82 with the same id. The other 50 responses answer queries not in the capture.
        assertThat(queries).isEqualTo(20);
        assertThat(responses).isEqualTo(65);
        assertThat(errors).containsExactlyEntriesOf(new TreeMap<>(Map.of("none", 15, ItemError.TIMEOUT, 5,
                ItemError.PAIR_NOT_FOUND, 50)));
    }

    static List<Item> replay(String capture) throws IOException {
        return DnsCaptureReplay.run(PCAPS.resolve(capture), DissectorLimits.defaults()).items();
    }

    @SuppressWarnings("unchecked")
    private static String firstQuestionName(Item item) {
        Map<String, Object> side = item.request().isEmpty() ? item.response() : item.request();
        return ((List<Map<String, Object>>) side.get("questions")).getFirst().get("name").toString();
    }
}
