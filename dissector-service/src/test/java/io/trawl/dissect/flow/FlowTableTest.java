package io.trawl.dissect.flow;

import io.trawl.dissect.detect.AppProtocol;
import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.stream.DatagramDissector;
import io.trawl.dissect.stream.Direction;
import io.trawl.dissect.stream.StreamDissector;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlowTableTest {

    private static final Path PCAPS = Path.of("../testdata/pcaps");

    /** Records what a connection's dissector is told. */
    static final class RecordingStream implements StreamDissector {
        final FlowContext context;
        final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();

        RecordingStream(FlowContext context) {
            this.context = context;
        }

        @Override
        public void data(Direction d, byte[] b, int off, int len, long ts) {
            (d == Direction.CLIENT_TO_SERVER ? toServer : toClient).write(b, off, len);
        }

        @Override
        public void gap(Direction d, long missing, long ts) {
            events.add("gap " + d + " " + missing);
        }

        @Override
        public void end(Direction d, boolean reset, long ts) {
            events.add((reset ? "rst " : "fin ") + d);
        }

        @Override
        public void close(long ts, String reason) {
            events.add("close " + reason);
        }
    }

    static final class RecordingDatagrams implements DatagramDissector {
        final FlowContext context;
        final List<Direction> datagrams = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        RecordingDatagrams(FlowContext context) {
            this.context = context;
        }

        @Override
        public void datagram(Direction d, byte[] b, int off, int len, long ts) {
            datagrams.add(d);
        }

        @Override
        public void expire(long now) {
        }

        @Override
        public void close(long ts, String reason) {
            events.add("close " + reason);
        }
    }

    private final List<RecordingStream> streams = new ArrayList<>();
    private final List<RecordingDatagrams> udp = new ArrayList<>();
    private final DissectorRegistry registry = new DissectorRegistry()
            .stream(AppProtocol.HTTP, (ctx, limits, sink) -> add(streams, new RecordingStream(ctx)))
            .stream(AppProtocol.DNS, (ctx, limits, sink) -> add(streams, new RecordingStream(ctx)))
            .datagram(AppProtocol.DNS, (ctx, limits, sink) -> add(udp, new RecordingDatagrams(ctx)));
    private final DissectionStats stats = new DissectionStats();

    private static <T> T add(List<? super T> list, T t) {
        list.add(t);
        return t;
    }

    private FlowTable table(FlowSettings settings) {
        return new FlowTable(settings, registry, DissectorLimits.defaults(), (key, item) -> { }, stats);
    }

    private void replay(FlowTable table, String file) throws Exception {
        replay(table, file, -1);
    }

    /** Replays a capture, leaving out packet number {@code skip} (1-based, as tshark counts) to make a hole. */
    private void replay(FlowTable table, String file, int skip) throws Exception {
        try (CaptureFileReader reader = CaptureFileReader.open(PCAPS.resolve(file))) {
            FilePacket p = new FilePacket();
            int number = 0;
            while (reader.next(p)) {
                if (++number != skip) {
                    table.packet(p.timestampNanos, p.linkType, p.buffer, p.offset, p.length, "n1");
                }
            }
        }
        table.closeAll("end of capture");
    }

    @Test
    void aConnectionsLastAckDoesNotOpenAnotherFlow() throws Exception {
        FlowTable table = table(FlowSettings.defaults());
        try (CaptureFileReader reader = CaptureFileReader.open(PCAPS.resolve("http/post-100continue-chunked-gzip.pcap"))) {
            FilePacket p = new FilePacket();
            while (reader.next(p)) {
                table.packet(p.timestampNanos, p.linkType, p.buffer, p.offset, p.length, "n1");
            }
        }

        assertThat(stats.flowsOpened()).isEqualTo(9);
        assertThat(table.activeFlows()).isZero();
    }

    @Test
    void keepAliveHttpConnectionIsOneStreamWithClientAndServerTheRightWayRound() throws Exception {
        replay(table(FlowSettings.defaults()), "http/keepalive-chunked-gzip.pcap");

        assertThat(streams).hasSize(1);
        RecordingStream s = streams.getFirst();
        assertThat(s.context.server().port()).isEqualTo("80");
        assertThat(s.context.stream()).startsWith("tcp-").endsWith("-" + s.context.startNanos());
        String requests = s.toServer.toString(StandardCharsets.ISO_8859_1);
        String responses = s.toClient.toString(StandardCharsets.ISO_8859_1);
        assertThat(requests.split("GET ", -1)).hasSize(4);
        assertThat(responses).startsWith("HTTP/1.1 200");
        assertThat(s.events).doesNotContain("gap CLIENT_TO_SERVER", "gap SERVER_TO_CLIENT");
        assertThat(s.events.getLast()).startsWith("close");
    }

    @Test
    void pipelinedCaptureDeliversEveryRequestByte() throws Exception {
        replay(table(FlowSettings.defaults()), "http/pipelined-requests.pcap");

        String requests = streams.getFirst().toServer.toString(StandardCharsets.ISO_8859_1);
        assertThat(requests.split("\r\n\r\n", -1).length - 1).isEqualTo(40);
    }

    @Test
    void dnsOverUdpAndTcpIsDetectedByContent() throws Exception {
        replay(table(FlowSettings.defaults()), "dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap");

        assertThat(udp).isNotEmpty();
        assertThat(udp).allSatisfy(d -> assertThat(d.context.server().port()).isEqualTo("53"));
        assertThat(udp.stream().mapToLong(d -> d.datagrams.size()).sum()).isGreaterThan(40);
        assertThat(streams).isNotEmpty().allSatisfy(s -> assertThat(s.context.server().port()).isEqualTo("53"));
    }

    @Test
    void fragmentedDnsAnswersAreReassembledBeforeDissection() throws Exception {
        replay(table(FlowSettings.defaults()), "dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap");

        // frames 53+54, 58+59, 62+63 and 84+85 are the two halves of four answers
        assertThat(stats.fragments()).isEqualTo(8);
        assertThat(stats.reassembledDatagrams()).isEqualTo(4);
        assertThat(stats.packets()).isEqualTo(89);
        long udpDatagrams = udp.stream().mapToLong(d -> d.datagrams.size()).sum();
        assertThat(udpDatagrams).isEqualTo(89 - 8 + 4 - tcpPackets("dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap"));
    }

    private static long tcpPackets(String file) throws Exception {
        long n = 0;
        io.trawl.model.decode.DecodedPacket d = new io.trawl.model.decode.DecodedPacket();
        try (CaptureFileReader reader = CaptureFileReader.open(PCAPS.resolve(file))) {
            FilePacket p = new FilePacket();
            while (reader.next(p)) {
                io.trawl.model.decode.PacketDecoder.decode(p.linkType, p.buffer, p.offset, p.length, d);
                if (!d.fragment && d.protocol == io.trawl.model.decode.DecodedPacket.TCP) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void sameCaptureGivesTheSameStreamNames() throws Exception {
        replay(table(FlowSettings.defaults()), "http/post-100continue-chunked-gzip.pcap");
        List<String> first = streams.stream().map(s -> s.context.stream()).toList();
        streams.clear();
        replay(table(FlowSettings.defaults()), "http/post-100continue-chunked-gzip.pcap");

        assertThat(streams.stream().map(s -> s.context.stream()).toList()).isEqualTo(first).hasSize(9);
    }

    @Test
    void fullTableEvictsTheLeastRecentlySeenFlow() throws Exception {
        replay(table(new FlowSettings(2, 1 << 16, 120_000_000_000L)), "http/post-100continue-chunked-gzip.pcap");

        assertThat(stats.flowsEvicted()).isGreaterThan(0);
        assertThat(streams).anySatisfy(s -> assertThat(s.events).contains("close evicted: flow table full"));
    }

    @Test
    void outOfOrderSegmentIsReorderedNotCountedAsAGap() throws Exception {
        // tshark flags frame 10 "previous segment not captured"; frame 11 brings it, out of order
        replay(table(FlowSettings.defaults()), "postgresql/sslrequest-then-tls-with-gap.pcap");

        assertThat(stats.reassemblyGaps()).isZero();
    }

    @Test
    void segmentMissingFromTheCaptureIsAGapOnceThePeerAcknowledgesPastIt() throws Exception {
        // frame 8 of this capture is a 1460-byte segment inside the first response
        replay(table(FlowSettings.defaults()), "http/keepalive-chunked-gzip.pcap", 8);

        RecordingStream s = streams.getFirst();
        assertThat(s.events).contains("gap SERVER_TO_CLIENT 1460");
        assertThat(stats.reassemblyGaps()).isEqualTo(1);
        assertThat(stats.reassemblyGapBytes()).isEqualTo(1460);
    }

    @Test
    void resumeOffsetNeverPassesTheFirstPacketOfAnOpenFlow() throws Exception {
        FlowTable table = table(FlowSettings.defaults());
        List<Long> resume = new ArrayList<>();
        try (CaptureFileReader reader = CaptureFileReader.open(PCAPS.resolve("http/post-100continue-chunked-gzip.pcap"))) {
            FilePacket p = new FilePacket();
            long offset = 1000;
            while (reader.next(p)) {
                table.packet(p.timestampNanos, p.linkType, p.buffer, p.offset, p.length, "n1", offset);
                resume.add(table.resumeOffset(offset + 1));
                offset++;
            }
        }
        // the first connection opens at offset 1000 and stays open a while: commits wait for it
        assertThat(resume.getFirst()).isEqualTo(1000);
        assertThat(resume).isSorted();
        table.closeAll("end of capture");
        assertThat(table.resumeOffset(5000)).isEqualTo(5000);
    }

    @Test
    void nonIpAndIcmpPacketsAreCountedWithoutFlows() throws Exception {
        replay(table(FlowSettings.defaults()), "linktype/sll2-icmp-icmpv6-arp.pcap");

        assertThat(stats.packetsWithoutFlow()).isEqualTo(6);
        assertThat(stats.flowsOpened()).isZero();
    }
}
