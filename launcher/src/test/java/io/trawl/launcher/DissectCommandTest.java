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
    void fileThatIsNotACaptureIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");

        int code = trawl("dissect", text.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("trawl dissect: " + text + ": is not a pcap or pcapng capture");
    }
}
