package io.trawl.integrations.snapshot;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.action.RetryableActionException;
import io.trawl.integrations.action.SnapshotFiles;
import io.trawl.integrations.evidence.DirectoryEvidenceStore;
import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.integrations.evidence.MeteredEvidenceStore;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.flow.FlowKey;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshots of replayed captures: the packets of real pcap files published to a four-partition
 * {@code trawl.packets} on the embedded broker, read back by window and filter, and opened with tshark, which must
 * see exactly the packets it sees in the source filtered the same way.
 */
class SnapshotFromKafkaTest {

    private static final Path PCAPS = Path.of("../testdata/pcaps");
    private static final Path EXAMPLES = Path.of("../testdata/examples/examples.pcap");
    private static final Path DNS = PCAPS.resolve("dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap");
    private static final Path SLL2 = PCAPS.resolve("linktype/sll2-icmp-icmpv6-arp.pcap");
    private static final Path KEEPALIVE = PCAPS.resolve("http/keepalive-chunked-gzip.pcap");
    /** Moves the Ethernet capture KEEPALIVE (2011) to 25 minutes after the start of SLL2 (2022), among its packets. */
    private static long keepaliveShift;
    private static String bootstrap;
    private static String topic;

    @TempDir
    Path dir;
    private SimpleMeterRegistry registry;
    private DirectoryEvidenceStore store;

    @BeforeAll
    static void publishCaptures() throws Exception {
        bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        topic = "test-" + UUID.randomUUID().toString().substring(0, 8) + ".packets";
        PacketReplay.createTopic(bootstrap, topic, 4);
        keepaliveShift = first(SLL2) + Duration.ofMinutes(25).toNanos() - first(KEEPALIVE);
        // In capture-time order, as a live capture publishes: Kafka finds a time by the largest timestamp so far.
        assertThat(PacketReplay.publish(bootstrap, topic, DNS, 0)).isEqualTo(89);
        assertThat(PacketReplay.publish(bootstrap, topic, SLL2, 0)).isEqualTo(6);
        assertThat(PacketReplay.publish(bootstrap, topic, KEEPALIVE, keepaliveShift)).isEqualTo(32);
        assertThat(PacketReplay.publish(bootstrap, topic, EXAMPLES, 0)).isEqualTo(475);
        PacketReplay.publishRaw(bootstrap, topic, window(EXAMPLES)[0] + 1000, "not a packet record".getBytes());
    }

    @BeforeEach
    void newStore() throws IOException {
        registry = new SimpleMeterRegistry();
        store = new DirectoryEvidenceStore(dir.resolve("evidence"));
    }

    private SnapshotTaker taker(int maxPackets) {
        return taker(maxPackets, PacketWindow.BUFFERED_BYTES_PER_PARTITION);
    }

    private SnapshotTaker taker(int maxPackets, long bufferedBytesPerPartition) {
        Map<String, Object> config = new HashMap<>(PacketWindow.consumerConfig(bootstrap));
        // small polls, so that partitions fill their buffers while others are still being read
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
        PacketWindow window = new PacketWindow(
                () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                topic, Duration.ofSeconds(5), Duration.ofSeconds(60), maxPackets, 256L << 20,
                bufferedBytesPerPartition);
        return new SnapshotTaker(window, new MeteredEvidenceStore(store, registry), new SnapshotMetrics(registry),
                Duration.ofSeconds(5), dir, Clock.systemUTC());
    }

    @Test
    void aWindowOfAReplayedCaptureHoldsExactlyItsPacketsInCaptureOrder() throws Exception {
        SnapshotManifest manifest = taker(1_000_000).take(request("whole", window(EXAMPLES), "{}"));

        Path pcap = dir.resolve("evidence/whole.pcap");
        assertThat(Tshark.packets(pcap)).hasSize(475).isEqualTo(Tshark.packets(EXAMPLES));
        assertThat(manifest.packets()).isEqualTo(475);
        assertThat(manifest.format()).isEqualTo("pcap");
        assertThat(manifest.linkTypes()).containsExactly("ETHERNET");
        assertThat(manifest.truncated()).isFalse();
        assertThat(manifest.unreadableRecords()).isEqualTo(1);
        assertThat(manifest.size()).isEqualTo(Files.size(pcap));
        try (InputStream in = Files.newInputStream(pcap)) {
            assertThat(manifest.sha256()).isEqualTo(EvidenceContent.sha256Hex(in));
        }
        assertThat(manifest.location()).isEqualTo(pcap.toAbsolutePath().toString());
        assertThat(manifest.script()).isEqualTo("detect");
        assertThat(manifest.origin()).isEqualTo("onItemCaptured");
        assertThat(manifest.reason()).isEqualTo("test");
        assertThat(manifest.node()).isEqualTo("node-1");
        assertThat(Files.exists(dir.resolve("evidence/whole.manifest.json"))).isTrue();
        StoredSnapshots snapshots = new StoredSnapshots(store);
        assertThat(snapshots.manifest("whole")).contains(manifest);
        SnapshotFiles.SnapshotFile file = snapshots.find("whole").orElseThrow();
        assertThat(file.size()).isEqualTo(Files.size(pcap));
        try (InputStream in = file.open()) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(pcap));
        }
        assertThat(snapshots.find("no-such-snapshot")).isEmpty();
        assertThat(registry.get("trawl.integrations.snapshots").tag("outcome", "written").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("trawl.integrations.snapshot.packets").summary().totalAmount()).isEqualTo(475);
        assertThat(registry.get("trawl.integrations.snapshot.bytes").summary().totalAmount())
                .isEqualTo(Files.size(pcap));
        assertThat(registry.get("trawl.integrations.evidence.writes").tags("store", "directory", "outcome", "written")
                .counter().count()).isEqualTo(2);
    }

    @Test
    void partitionsPausedForFullBuffersStillGiveEveryPacketInOrder() throws Exception {
        taker(1_000_000, 2_000).take(request("paused", window(EXAMPLES), "{}"));

        assertThat(Tshark.packets(dir.resolve("evidence/paused.pcap"))).isEqualTo(Tshark.packets(EXAMPLES));
    }

    @Test
    void aPortFilterKeepsWhatTsharkFindsOnThatPort() throws Exception {
        taker(1_000_000).take(request("port53", window(EXAMPLES), "{\"ports\":[53]}"));

        assertThat(Tshark.packets(dir.resolve("evidence/port53.pcap")))
                .hasSize(22).isEqualTo(Tshark.packets(EXAMPLES, "tcp.port==53 || udp.port==53"));
    }

    @Test
    void anAddressFilterKeepsWhatTsharkFindsForThatAddressInIpv4AndIpv6() throws Exception {
        taker(1_000_000).take(request("v4", window(DNS), "{\"addresses\":[\"192.168.120.22\"]}"));
        taker(1_000_000).take(request("v6", window(DNS), "{\"addresses\":[\"2001:470:765b::a25:53\"]}"));

        assertThat(Tshark.packets(dir.resolve("evidence/v4.pcap")))
                .isNotEmpty().isEqualTo(Tshark.packets(DNS, "ip.addr==192.168.120.22"));
        assertThat(Tshark.packets(dir.resolve("evidence/v6.pcap")))
                .isNotEmpty().isEqualTo(Tshark.packets(DNS, "ipv6.addr==2001:470:765b::a25:53"));
    }

    @Test
    void aFlowFilterKeepsBothDirectionsOfThatConversation() throws Exception {
        FlowKey flow = firstTcpFlow(EXAMPLES);
        String reversed = flow.toString().replaceFirst("tcp (\\S+) <-> (\\S+)", "tcp $2 <-> $1");

        taker(1_000_000).take(request("flow", window(EXAMPLES), "{\"flows\":[\"" + reversed + "\"]}"));

        String filter = "ip.addr==" + flow.addressA().getHostAddress() + " && ip.addr=="
                + flow.addressB().getHostAddress() + " && tcp.port==" + flow.portA() + " && tcp.port==" + flow.portB();
        assertThat(Tshark.packets(dir.resolve("evidence/flow.pcap")))
                .hasSizeGreaterThan(2).isEqualTo(Tshark.packets(EXAMPLES, filter));
    }

    @Test
    void overTheBoundTheSnapshotKeepsTheEarliestPacketsAndSaysItWasCut() throws Exception {
        SnapshotManifest manifest = taker(100).take(request("cut", window(EXAMPLES), "{}"));

        assertThat(manifest.truncated()).isTrue();
        assertThat(manifest.truncatedBy()).isEqualTo("max-packets");
        assertThat(manifest.packets()).isEqualTo(100);
        assertThat(Tshark.packets(dir.resolve("evidence/cut.pcap")))
                .isEqualTo(Tshark.packets(EXAMPLES).subList(0, 100));
        assertThat(registry.get("trawl.integrations.snapshots").tag("outcome", "truncated").counter().count())
                .isEqualTo(1);
    }

    @Test
    void packetsOfTwoLinkTypesMakeAPcapngFileWithBoth() throws Exception {
        long from = first(SLL2) / 1_000_000;
        long to = from + Duration.ofMinutes(26).toMillis();

        SnapshotManifest manifest = taker(1_000_000).take(request("mixed", new long[] {from, to}, "{}"));

        assertThat(manifest.format()).isEqualTo("pcapng");
        assertThat(manifest.linkTypes()).containsExactly("LINUX_SLL2", "ETHERNET");
        assertThat(manifest.packets()).isEqualTo(6 + 32);
        assertThat(Tshark.packets(dir.resolve("evidence/mixed.pcap"))).hasSize(38);
        assertThat(Tshark.packets(dir.resolve("evidence/mixed.pcap"), "sll")).hasSize(6);
    }

    @Test
    void takingTheSameSnapshotAgainReturnsTheStoredOne() throws Exception {
        SnapshotTaker taker = taker(1_000_000);
        SnapshotManifest first = taker.take(request("again", window(EXAMPLES), "{\"ports\":[53]}"));

        assertThat(taker.take(request("again", window(EXAMPLES), "{\"ports\":[53]}"))).isEqualTo(first);
        assertThat(registry.get("trawl.integrations.evidence.writes").tags("outcome", "written").counter().count())
                .isEqualTo(2);
    }

    @Test
    void beforeItsWindowHasPassedTheActionAsksToBeRetriedThen() throws IOException {
        long now = System.currentTimeMillis();
        PcapSnapshotHandler handler = new PcapSnapshotHandler(taker(1_000_000), Duration.ofHours(1));

        assertThatThrownBy(() -> handler.handle(action("future", new long[] {now - 1000, now + 60_000}, "{}")))
                .isInstanceOfSatisfying(RetryableActionException.class, e -> assertThat(e.retryAfter().orElseThrow())
                        .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(66)))
                .hasMessageContaining("snapshot future: its window ends at ");
        assertThat(store.find("future.pcap")).isEmpty();
    }

    @Test
    void badParamsAreRefusedNamingTheField() {
        PcapSnapshotHandler handler = new PcapSnapshotHandler(taker(1_000_000), Duration.ofHours(1));

        assertThatThrownBy(() -> handler.handle(action("bad", new long[] {2000, 1000}, "{}")))
                .isInstanceOf(InvalidActionException.class)
                .hasMessage("pcap.snapshot: params.to (1970-01-01T00:00:01Z) is before params.from (1970-01-01T00:00:02Z)");
        assertThatThrownBy(() -> handler.handle(action("bad", new long[] {1000, 2000}, "{\"ports\":[70000]}")))
                .hasMessage("pcap.snapshot: params.ports[0] is 70000, not a whole number from 0 to 65535");
        assertThatThrownBy(() -> handler.handle(action("bad", new long[] {1000, 2000}, "{\"flows\":[\"x\"]}")))
                .hasMessageStartingWith("pcap.snapshot: params.flows[0] 'x' is not a flow: give a flow key such as");
        assertThatThrownBy(() -> handler.handle(action("bad", new long[] {1000, 2000}, "{\"addresses\":[\"host\"]}")))
                .hasMessage("pcap.snapshot: params.addresses[0] 'host' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> handler.handle(action("../x", new long[] {1000, 2000}, "{}")))
                .hasMessageStartingWith("pcap.snapshot: params.snapshot is refused: snapshot id '../x' is not usable");
    }

    private static SnapshotRequest request(String id, long[] window, String filter) throws InvalidActionException {
        return SnapshotRequest.of(action(id, window, filter), Duration.ofDays(5000));
    }

    private static ActionRequest action(String id, long[] window, String filter) {
        String params = filter.replaceFirst("^\\{", "{\"snapshot\":\"" + id + "\",\"from\":" + window[0] + ",\"to\":"
                + window[1] + ",\"reason\":\"test\"" + (filter.equals("{}") ? "" : ","));
        return new ActionRequest("action-" + id, ActionKind.PCAP_SNAPSHOT, "detect", 3, "onItemCaptured", "node-1",
                System.currentTimeMillis(), null, params);
    }

    /** The first and last capture time of a file, in ms. */
    private static long[] window(Path file) throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            FilePacket p = new FilePacket();
            while (reader.next(p)) {
                first = Math.min(first, p.timestampNanos);
                last = Math.max(last, p.timestampNanos);
            }
        }
        return new long[] {first / 1_000_000, last / 1_000_000};
    }

    private static long first(Path file) throws IOException {
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            FilePacket p = new FilePacket();
            reader.next(p);
            return p.timestampNanos;
        }
    }

    private static FlowKey firstTcpFlow(Path file) throws IOException {
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            FilePacket p = new FilePacket();
            DecodedPacket decoded = new DecodedPacket();
            while (reader.next(p)) {
                PacketDecoder.decode(p.linkType, p.buffer, p.offset, p.length, decoded);
                if (decoded.protocol == DecodedPacket.TCP && decoded.layer == DecodedPacket.Layer.TRANSPORT) {
                    return FlowKey.of(decoded);
                }
            }
        }
        throw new AssertionError("no TCP packet in " + file);
    }
}
