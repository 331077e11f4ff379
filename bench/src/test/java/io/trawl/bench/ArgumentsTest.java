package io.trawl.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

    @Test
    void readsOptionsAndTheirValuesInOrder() {
        Arguments in = new Arguments(new String[] {"--file", "a.pcap", "--runs", "4", "--quiet-cores", "0.5", "--x"});
        assertThat(in.option()).isEqualTo("--file");
        assertThat(in.path("--file")).isEqualTo(Path.of("a.pcap"));
        assertThat(in.option()).isEqualTo("--runs");
        assertThat(in.atLeast(3, "--runs")).isEqualTo(4);
        assertThat(in.option()).isEqualTo("--quiet-cores");
        assertThat(in.decimal("--quiet-cores")).isEqualTo(0.5);
        assertThat(in.hasNext()).isTrue();
        assertThat(in.option()).isEqualTo("--x");
        assertThat(in.hasNext()).isFalse();
    }

    @Test
    void aMissingValueNamesTheOption() {
        Arguments in = new Arguments(new String[] {"--out"});
        in.option();
        assertThatThrownBy(() -> in.value("--out"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--out needs a value");
    }

    @Test
    void aNumberBelowTheLeastNamesTheOptionAndTheLeast() {
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[] {"--runs", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--runs must be at least 3");
        assertThatThrownBy(() -> DissectBench.Options.parse(new String[] {"--quiet-wait", "-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--quiet-wait must be at least 0");
    }

    @Test
    void anUnknownOptionPointsToHelp() {
        assertThatThrownBy(() -> DissectBench.Options.parse(new String[] {"--fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option --fast (try --help)");
    }

    @Test
    void harnessesReadTheirOptionsThroughIt() {
        BenchMain.Options b = BenchMain.Options.parse(new String[] {"--file", "x.pcap", "--skip-kafka",
                "--process-runs", "1", "--quiet-cores", "-1"});
        assertThat(b.file()).isEqualTo(Path.of("x.pcap"));
        assertThat(b.skipKafka()).isTrue();
        assertThat(b.processRuns()).isEqualTo(1);
        assertThat(b.runs()).isEqualTo(5);
        assertThat(b.quietCores()).isEqualTo(-1);

        DissectBench.Options d = DissectBench.Options.parse(new String[] {"--file", "data/load.pcap", "--no-variants",
                "--variant", "serial=-XX:+UseSerialGC", "--runs", "3"});
        assertThat(d.counts()).isEqualTo(Path.of("data/load.counts"));
        assertThat(d.accessLog()).isEqualTo(Path.of("data/load.access.log"));
        assertThat(d.variants()).extracting(DissectBench.Variant::label).containsExactly("serial");
        assertThat(d.runs()).isEqualTo(3);
        assertThat(d.quietWaitSeconds()).isEqualTo(60);
    }
}
