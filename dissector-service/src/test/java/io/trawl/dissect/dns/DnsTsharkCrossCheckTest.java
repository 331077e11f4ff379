package io.trawl.dissect.dns;

import io.trawl.dissect.dns.DnsMessage.ResourceRecord;
import io.trawl.dissect.item.DissectorLimits;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every DNS message Trawl's parser and framer find in a capture, compared frame by frame with what tshark
 * decodes: header fields, section counts, questions, owner names, TTLs, classes and the data of A, AAAA,
 * CNAME, NS, PTR, MX, TXT, SOA, SRV and OPT records. Skipped where tshark is not installed.
 *
 * <p>Not compared: {@code dns.resp.type}, because tshark also files the types of an RRSIG's "type covered" and
 * of NSEC/NSEC3 type bitmaps under it, which Trawl keeps as hex.
 */
class DnsTsharkCrossCheckTest {

    /** A tshark field and how to get the same values, as tshark prints them, from one message. */
    private record Field(String name, Function<DnsMessage, Stream<?>> values) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("dns.id", m -> Stream.of(hex16(m.id()))),
            new Field("dns.flags.response", m -> Stream.of(m.qr() ? 1 : 0)),
            new Field("dns.flags.opcode", m -> Stream.of(m.opcode())),
            new Field("dns.flags.truncated", m -> Stream.of(m.tc() ? 1 : 0)),
            new Field("dns.flags.rcode", m -> m.qr() ? Stream.of(m.rcode()) : Stream.empty()), // responses only
            new Field("dns.count.queries", m -> Stream.of(m.questions().size())),
            new Field("dns.count.answers", m -> Stream.of(m.answers().size())),
            new Field("dns.count.auth_rr", m -> Stream.of(m.authorities().size())),
            new Field("dns.count.add_rr", m -> Stream.of(m.additionals().size())),
            new Field("dns.qry.name", m -> m.questions().stream().map(DnsMessage.Question::name)),
            new Field("dns.qry.type", m -> m.questions().stream().map(DnsMessage.Question::type)),
            new Field("dns.qry.class", m -> m.questions().stream().map(q -> hex16(q.dnsClass()))),
            new Field("dns.resp.name", m -> records(m).map(ResourceRecord::name)),
            new Field("dns.resp.ttl", m -> records(m).filter(r -> r.type() != DnsMnemonics.OPT)
                    .map(ResourceRecord::ttl)),
            new Field("dns.resp.class", m -> records(m).filter(r -> r.type() != DnsMnemonics.OPT)
                    .map(r -> hex16(r.dnsClass()))),
            new Field("dns.a", m -> data(m, DnsMnemonics.A, DnsRecordData.Address.class)
                    .map(DnsRecordData.Address::ip)),
            new Field("dns.aaaa", m -> data(m, DnsMnemonics.AAAA, DnsRecordData.Address.class)
                    .map(DnsRecordData.Address::ip)),
            new Field("dns.cname", m -> data(m, DnsMnemonics.CNAME, DnsRecordData.DomainName.class)
                    .map(DnsRecordData.DomainName::name)),
            new Field("dns.ns", m -> data(m, DnsMnemonics.NS, DnsRecordData.DomainName.class)
                    .map(DnsRecordData.DomainName::name)),
            new Field("dns.ptr.domain_name", m -> data(m, DnsMnemonics.PTR, DnsRecordData.DomainName.class)
                    .map(DnsRecordData.DomainName::name)),
            new Field("dns.mx.preference", m -> data(m, DnsMnemonics.MX, DnsRecordData.Mx.class)
                    .map(DnsRecordData.Mx::preference)),
            new Field("dns.mx.mail_exchange", m -> data(m, DnsMnemonics.MX, DnsRecordData.Mx.class)
                    .map(DnsRecordData.Mx::exchange)),
            new Field("dns.txt", m -> data(m, DnsMnemonics.TXT, DnsRecordData.Txt.class)
                    .flatMap(t -> t.strings().stream())),
            new Field("dns.soa.mname", m -> data(m, DnsMnemonics.SOA, DnsRecordData.Soa.class)
                    .map(DnsRecordData.Soa::mname)),
            new Field("dns.soa.rname", m -> data(m, DnsMnemonics.SOA, DnsRecordData.Soa.class)
                    .map(DnsRecordData.Soa::rname)),
            new Field("dns.soa.serial_number", m -> data(m, DnsMnemonics.SOA, DnsRecordData.Soa.class)
                    .map(DnsRecordData.Soa::serial)),
            new Field("dns.soa.minimum_ttl", m -> data(m, DnsMnemonics.SOA, DnsRecordData.Soa.class)
                    .map(DnsRecordData.Soa::minimum)),
            new Field("dns.srv.target", m -> data(m, DnsMnemonics.SRV, DnsRecordData.Srv.class)
                    .map(DnsRecordData.Srv::target)),
            new Field("dns.srv.port", m -> data(m, DnsMnemonics.SRV, DnsRecordData.Srv.class)
                    .map(DnsRecordData.Srv::port)),
            new Field("dns.rr.udp_payload_size", m -> data(m, DnsMnemonics.OPT, DnsRecordData.Opt.class)
                    .map(DnsRecordData.Opt::udpPayloadSize)));

    @BeforeAll
    static void tsharkIsInstalled() {
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Path.of(dir, "tshark").toFile().canExecute());
        assumeTrue(found, "tshark is not installed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap", "dns/tcp-multiple-queries-one-segment.pcap",
            "pcapng/multi-interface-dns.pcapng"})
    void everyMessageAgreesWithTshark(String capture) throws Exception {
        Path file = DnsCaptureGoldenTest.PCAPS.resolve(capture);
        Map<Integer, List<String>> ours = new LinkedHashMap<>();
        Map<Integer, List<DnsMessage>> byFrame = new LinkedHashMap<>();
        for (DnsCaptureReplay.FrameMessage m : DnsCaptureReplay.run(file, DissectorLimits.defaults()).messages()) {
            assertThat(m.error()).as("message in frame %d", m.frame()).isNull();
            byFrame.computeIfAbsent(m.frame(), f -> new ArrayList<>()).add(m.message());
        }
        byFrame.forEach((frame, messages) -> ours.put(frame, row(messages)));

        Map<Integer, List<String>> theirs = tshark(file, "dns");

        assertThat(ours.keySet()).as("frames with DNS").containsExactlyElementsOf(theirs.keySet());
        SoftAssertions.assertSoftly(soft -> {
            for (Integer frame : theirs.keySet()) {
                for (int i = 0; i < FIELDS.size(); i++) {
                    soft.assertThat(ours.get(frame).get(i)).as("frame %d, %s", frame, FIELDS.get(i).name())
                            .isEqualTo(theirs.get(frame).get(i));
                }
            }
        });
    }

    @Test
    void compressionPointerAbuseIsMalformedForTsharkAndForTrawl() throws Exception {
        Path file = DnsCaptureGoldenTest.PCAPS.resolve("malformed/dns-compression-pointer-abuse.pcap");

        assertThat(tshark(file, "_ws.malformed")).containsOnlyKeys(1);
        assertThat(DnsCaptureReplay.run(file, DissectorLimits.defaults()).messages())
                .singleElement().satisfies(m -> assertThat(m.error()).isNotNull());
    }

    private static List<String> row(List<DnsMessage> messages) {
        List<String> row = new ArrayList<>();
        for (Field field : FIELDS) {
            row.add(String.join(",", messages.stream().flatMap(field.values()).map(String::valueOf).toList()));
        }
        return row;
    }

    /** tshark's values of {@link #FIELDS} for each frame that matches {@code filter}, by frame number. */
    private static Map<Integer, List<String>> tshark(Path file, String filter)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-Y", filter, "-T",
                "fields", "-E", "separator=/t", "-e", "frame.number"));
        for (Field field : FIELDS) {
            command.add("-e");
            command.add(field.name());
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("tshark exit code").isZero();
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                List<String> columns = List.of(line.split("\t", -1));
                rows.put(Integer.parseInt(columns.getFirst()), columns.subList(1, columns.size()));
            }
        }
        return rows;
    }

    private static Stream<ResourceRecord> records(DnsMessage m) {
        return Stream.of(m.answers(), m.authorities(), m.additionals()).flatMap(List::stream);
    }

    private static <T extends DnsRecordData> Stream<T> data(DnsMessage m, int type, Class<T> kind) {
        return records(m).filter(r -> r.type() == type && kind.isInstance(r.data())).map(r -> kind.cast(r.data()));
    }

    private static String hex16(int v) {
        return String.format("0x%04x", v);
    }
}
