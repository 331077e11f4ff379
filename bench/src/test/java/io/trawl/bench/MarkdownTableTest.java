package io.trawl.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkdownTableTest {

    @Test
    void padsColumnsAndRightAlignsNumericOnes() {
        String table = new MarkdownTable("What", ">Packets/s")
                .row("tcpdump", MarkdownTable.count(2_812_345.4))
                .row("a | b", MarkdownTable.count(12))
                .render();
        assertThat(table).isEqualTo("""
                | What    | Packets/s |
                | ------- | --------: |
                | tcpdump | 2,812,345 |
                | a \\| b  |        12 |
                """);
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new MarkdownTable("a", "b").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsRatiosRangesAndMissingValues() {
        assertThat(MarkdownTable.ratio(1.234)).isEqualTo("1.23x");
        assertThat(MarkdownTable.ratio(Double.NaN)).isEqualTo("n/a");
        assertThat(MarkdownTable.range(1_000_000, 1_200_000.4)).isEqualTo("1,000,000 – 1,200,000");
        assertThat(MarkdownTable.range(5, 5.2)).isEqualTo("5");
        assertThat(MarkdownTable.loadRange(0.5, 1.25)).isEqualTo("0.50–1.25");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Series.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Series.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        Series s = new Series();
        s.add(10, 0.5);
        s.add(30, 1.5);
        s.add(20, 1.0);
        assertThat(s.median()).isEqualTo(20);
        assertThat(s.max()).isEqualTo(30);
        assertThat(s.min()).isEqualTo(10);
        assertThat(s.minLoad()).isEqualTo(0.5);
        assertThat(s.maxLoad()).isEqualTo(1.5);
    }

    @Test
    void formatsOtherProcessesCpuAsMedianAndWorst() {
        Series s = new Series();
        s.add(100, 0.5, 0.10);
        s.add(200, 0.5, 0.02);
        s.add(300, 0.5, 0.31);
        assertThat(MarkdownTable.others(s)).isEqualTo("0.10 (max 0.31)");
    }
}
