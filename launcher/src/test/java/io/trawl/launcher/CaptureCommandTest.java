package io.trawl.launcher;

import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trawl capture} as a user runs it: arguments in, a summary or a one-line error out, an exit code. */
class CaptureCommandTest {

    private static final String DNS = "../testdata/pcaps/dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap";
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private int trawl(String... args) {
        CommandLine cli = Trawl.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void capturePcapPrintsHowManyPacketsWerePublished() {
        int code = trawl("capture", "--pcap", DNS, "--bootstrap", broker.bootstrapServers(), "--topic-prefix", "cli1.");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("published 89 packets (36,843 bytes) from file to cli1.packets at "
                + broker.bootstrapServers());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withoutBootstrapAnEmbeddedBrokerIsStartedInTheDataDirectory() {
        Path data = dir.resolve("kafka");

        int code = trawl("capture", "--pcap", DNS, "--data-dir", data.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Started an embedded Kafka broker at 127.0.0.1:")
                .contains("published 89 packets").contains("(embedded)");
        assertThat(Files.isDirectory(data)).isTrue();
    }

    @Test
    void missingFileFailsBeforeAnythingStarts() {
        int code = trawl("capture", "--pcap", dir.resolve("absent.pcap").toString(), "--data-dir", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("trawl capture: " + dir.resolve("absent.pcap") + ": no such file\n");
        assertThat(out.toString()).doesNotContain("embedded Kafka broker");
    }

    @Test
    void damagedFilePublishesWhatCameBeforeAndFails() {
        int code = trawl("capture", "--pcap", "../testdata/pcaps/malformed/pcap-corrupt-record-header.pcap",
                "--bootstrap", broker.bootstrapServers(), "--topic-prefix", "cli2.");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("published 1 packets");
        assertThat(err.toString()).contains("at byte offset 228: damaged packet record");
    }

    @Test
    void pcapAndInterfaceTogetherAreRefused() {
        int code = trawl("capture", "--pcap", DNS, "--interface", "lo");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("mutually exclusive");
    }
}
