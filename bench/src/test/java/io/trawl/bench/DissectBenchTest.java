package io.trawl.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DissectBenchTest {

    @Test
    void readsTheSummaryLineOfTrawlDissect() {
        DissectBench.DissectSummary s = DissectBench.DissectSummary.parse("[0.4s][info][jfr] started\n"
                + "dissected 1,366,996 packets into 470,000 items (220000 dns, 250000 http) in 5.98 s; 2,955 flows, "
                + "0 reassembly gaps\n");
        assertThat(s.packets()).isEqualTo(1_366_996);
        assertThat(s.items()).isEqualTo(470_000);
        assertThat(s.byProtocol()).isEqualTo(Map.of("dns", 220_000L, "http", 250_000L));
        assertThat(s.of("http")).isEqualTo(250_000);
        assertThat(s.seconds()).isEqualTo(5.98);
        assertThat(s.flows()).isEqualTo(2_955);
        assertThat(s.gaps()).isZero();
    }

    @Test
    void readsASummaryWithoutItems() {
        DissectBench.DissectSummary s = DissectBench.DissectSummary.parse(
                "dissected 12 packets into 0 items in 0.01 s; 1 flows, 0 reassembly gaps");
        assertThat(s.items()).isZero();
        assertThat(s.byProtocol()).isEmpty();
    }

    @Test
    void refusesOutputWithoutASummary() {
        assertThatThrownBy(() -> DissectBench.DissectSummary.parse("trawl dissect: no such file"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parsesAJvmOptionVariant() {
        DissectBench.Variant v = DissectBench.Variant.parse("small heap=-Xmx512m -XX:+UseSerialGC");
        assertThat(v.label()).isEqualTo("small heap");
        assertThat(v.jvmOptions()).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
        assertThatThrownBy(() -> DissectBench.Variant.parse("-XX:+UseSerialGC"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsItemsByKindStatusAndTarget(@TempDir Path dir) throws Exception {
        Path items = dir.resolve("items.jsonl");
        Files.write(items, List.of(
                "{\"id\":\"a\",\"protocol\":{\"name\":\"http\",\"version\":\"1.1\",\"layer4\":\"tcp\",\"layer3\":\"ip\"},"
                        + "\"request\":{\"method\":\"GET\",\"url\":\"/x?id=1\",\"headers\":{}},"
                        + "\"response\":{\"status\":404,\"content\":{\"text\":\"\\\"msg\\\":\\\"no\\\"\"}},"
                        + "\"error\":null}",
                "{\"id\":\"b\",\"protocol\":{\"name\":\"dns\",\"version\":\"0\",\"layer4\":\"udp\",\"layer3\":\"ip\"},"
                        + "\"request\":{\"opCode\":\"Query\",\"id\":7},\"response\":{\"code\":\"No Error\",\"rcode\":3},"
                        + "\"error\":null}",
                "{\"id\":\"c\",\"protocol\":{\"name\":\"dns\",\"version\":\"0\",\"layer4\":\"tcp\",\"layer3\":\"ip\"},"
                        + "\"request\":{\"opCode\":\"Query\",\"id\":8},\"response\":{},"
                        + "\"error\":{\"type\":\"connection\",\"msg\":\"connection closed (finished) before a response\"}}"));
        DissectBench.ItemCensus c = DissectBench.ItemCensus.of(items);
        assertThat(c.lines()).isEqualTo(3);
        assertThat(c.kind("http", "tcp", true)).isEqualTo(1);
        assertThat(c.kind("dns", "udp", true)).isEqualTo(1);
        assertThat(c.kind("dns", "tcp", false)).isEqualTo(1);
        assertThat(c.kind("dns", null, null)).isEqualTo(2);
        assertThat(c.httpStatus()).isEqualTo(Map.of("404", 1L));
        assertThat(c.dnsRcode()).isEqualTo(Map.of("3", 1L, "none", 1L));
        assertThat(c.httpUris()).isEqualTo(Map.of("/x?id=1", 1L));
        assertThat(c.errors()).isEqualTo(Map.of("dns/tcp: connection closed (finished) before a response", 1L));
    }
}
