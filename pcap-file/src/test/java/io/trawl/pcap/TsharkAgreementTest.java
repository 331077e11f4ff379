package io.trawl.pcap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Timestamps and lengths of every packet agree with what tshark reads from the same file. */
class TsharkAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"http/keepalive-chunked-gzip.pcap", "dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap",
            "linktype/sll2-icmp-icmpv6-arp.pcap", "redis/benchmark-sll.pcap",
            "redis/pipelining-ipv6-loopback.pcap", "pcapng/multi-interface-dns.pcapng",
            "kafka/apiversions-metadata-produce-2ifaces.pcapng", "malformed/tcp-headers-only-snaplen54.pcap"})
    void timestampsAndLengthsMatchTshark(String name) throws IOException, InterruptedException {
        Path file = CaptureFileReaderTest.PCAPS.resolve(name);
        List<String> expected = tshark(file);
        List<String> actual = new ArrayList<>();
        for (CapturedPacket p : CapturedPacket.readAll(file)) {
            actual.add(String.format("%d.%09d\t%d\t%d", p.timestampNanos() / 1_000_000_000L,
                    p.timestampNanos() % 1_000_000_000L, p.originalLength(), p.data().length));
        }
        assertThat(actual).isEqualTo(expected);
    }

    static List<String> tshark(Path file) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("tshark", "-r", file.toString(), "-T", "fields", "-e",
                "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            Assumptions.abort("tshark is not installed (.ci/run installs it)");
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
