package io.trawl.integrations.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What tshark reads from a capture file: one line per packet, capture time, length and captured length. */
final class Tshark {

    private Tshark() {
    }

    static List<String> packets(Path file) throws IOException, InterruptedException {
        return packets(file, null);
    }

    /** @param displayFilter a Wireshark display filter, or null for every packet */
    static List<String> packets(Path file, String displayFilter) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields",
                "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len"));
        if (displayFilter != null) {
            command.addAll(List.of("-Y", displayFilter));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("tshark -r %s exit status", file).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
