package io.trawl.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trawl dissect} as a user runs it. */
class DissectCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int trawl(String... args) {
        CommandLine cli = Trawl.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void captureBecomesOneItemPerLineAndASummary() throws Exception {
        Path out = dir.resolve("items.jsonl");

        int code = trawl("dissect", "../testdata/pcaps/http/pipelined-requests.pcap", "--out", out.toString());

        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(40).allSatisfy(l -> assertThat(l).startsWith("{\"id\":\"local/tcp-").endsWith("}"));
        assertThat(err.toString()).startsWith("dissected 36 packets into 40 items (40 http) in ");
    }

    @Test
    void damagedCaptureKeepsWhatCameBeforeTheDamageAndFails() throws Exception {
        Path whole = Path.of("../testdata/pcaps/http/keepalive-chunked-gzip.pcap");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Path out = dir.resolve("items.jsonl");

        int code = trawl("dissect", cut.toString(), "--out", out.toString());

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(Files.readAllLines(out)).isNotEmpty();
        assertThat(err.toString()).contains(cut + " at byte offset").contains("truncated capture");
    }

    @Test
    void aWriterThreadWritesTheSameBytesAndKeepsWhatCameBeforeDamage() throws Exception {
        Path sample = Path.of("../testdata/examples/examples.pcap");
        Path one = dir.resolve("one.jsonl");
        Path two = dir.resolve("two.jsonl");

        assertThat(trawl("dissect", sample.toString(), "--out", one.toString())).isZero();
        assertThat(trawl("dissect", sample.toString(), "--out", two.toString(), "--threads", "2")).isZero();

        assertThat(Files.readString(two)).isEqualTo(Files.readString(one))
                .isEqualTo(Files.readString(Path.of("../testdata/examples/examples.items.jsonl")));

        byte[] bytes = Files.readAllBytes(Path.of("../testdata/pcaps/http/keepalive-chunked-gzip.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Path cutOne = dir.resolve("cut-one.jsonl");
        Path cutTwo = dir.resolve("cut-two.jsonl");
        assertThat(trawl("dissect", cut.toString(), "--out", cutOne.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(trawl("dissect", cut.toString(), "--out", cutTwo.toString(), "--threads", "2"))
                .isEqualTo(ExitCodes.FAILED);
        assertThat(Files.readString(cutTwo)).isNotEmpty().isEqualTo(Files.readString(cutOne));
    }

    @Test
    void threadsOtherThanOneOrTwoAreRefused() {
        int code = trawl("dissect", "../testdata/examples/examples.pcap", "--threads", "3");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("trawl dissect: --threads takes 1 or 2, not 3");
    }

    @Test
    void fileThatIsNotACaptureIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");

        int code = trawl("dissect", text.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("trawl dissect: " + text + ": is not a pcap or pcapng capture");
    }
}
