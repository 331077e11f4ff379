package io.trawl.capture.kafka;

import io.trawl.kafka.TopicAdmin;
import io.trawl.capture.CaptureRun;
import io.trawl.capture.CaptureSummary;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.file.CaptureFileSource;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.flow.FlowKey;
import io.trawl.model.packet.PacketRecord;
import io.trawl.model.packet.PacketRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FileCaptureToKafkaTest {

    private static final Path PCAPS = Path.of("../testdata/pcaps");

    @TempDir
    Path dir;

    static CaptureSummary publish(Path file, KafkaSettings settings) throws Exception {
        PacketTopic.ensure(settings);
        try (Producer<byte[], byte[]> producer = PacketProducerFactory.create(settings, "test")) {
            PacketPublisher publisher = new PacketPublisher(producer, settings.topics().packets(), "node-1",
                    PacketPublisher.PublishListener.NONE);
            return new CaptureRun(new CaptureFileSource(file, 0, false, false), publisher).run();
        }
    }

    @Test
    void everyPacketBecomesOneRecordKeyedByItsFlowWithBothDirectionsOnOnePartition() throws Exception {
        KafkaSettings settings = TestBroker.settings(TestBroker.uniquePrefix());
        CaptureSummary summary = publish(PCAPS.resolve("dns/dnssec-tsig-udp-tcp-ipv4-ipv6.pcap"), settings);

        assertThat(summary.succeeded()).isTrue();
        assertThat(summary.packets()).isEqualTo(89);
        List<ConsumerRecord<byte[], byte[]>> records =
                TestBroker.readAll(settings.topics().packets(), 89, Duration.ofSeconds(30));
        assertThat(records).hasSize(89);

        Map<FlowKey, Set<Integer>> partitionsByFlow = new HashMap<>();
        Map<FlowKey, Set<Integer>> sourcePortsByFlow = new HashMap<>();
        DecodedPacket decoded = new DecodedPacket();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            PacketRecord packet = PacketRecordCodec.decode(r.value());
            PacketDecoder.decode(packet.linkType(), packet.data(), decoded);
            FlowKey key = FlowKey.fromBytes(r.key());
            assertThat(key).isEqualTo(FlowKey.of(decoded));
            assertThat(r.timestamp()).isEqualTo(packet.timestampMillis());
            assertThat(packet.node()).isEqualTo("node-1");
            assertThat(packet.iface()).isEqualTo("file");
            partitionsByFlow.computeIfAbsent(key, k -> new HashSet<>()).add(r.partition());
            sourcePortsByFlow.computeIfAbsent(key, k -> new HashSet<>()).add(decoded.srcPort);
        }
        assertThat(partitionsByFlow.values()).allSatisfy(p -> assertThat(p).hasSize(1));
        assertThat(partitionsByFlow.values().stream().map(p -> p.iterator().next()).distinct().count())
                .as("flows spread over several partitions").isGreaterThan(1);
        assertThat(sourcePortsByFlow.values().stream().filter(ports -> ports.size() == 2).count())
                .as("flows seen in both directions").isGreaterThan(5);
    }

    @Test
    void pcapAndPcapngOfTheSameCaptureProduceIdenticalRecords() throws Exception {
        Path pcap = PCAPS.resolve("http/post-100continue-chunked-gzip.pcap");
        Path pcapng = dir.resolve("same.pcapng");
        Process editcap = new ProcessBuilder("editcap", "-F", "pcapng", pcap.toString(), pcapng.toString())
                .redirectErrorStream(true).start();
        assumeTrue(editcap.waitFor(30, TimeUnit.SECONDS) && editcap.exitValue() == 0, "editcap (wireshark-common)");

        KafkaSettings a = TestBroker.settings(TestBroker.uniquePrefix());
        KafkaSettings b = TestBroker.settings(TestBroker.uniquePrefix());
        assertThat(publish(pcap, a).packets()).isEqualTo(207);
        assertThat(publish(pcapng, b).packets()).isEqualTo(207);

        assertThat(comparable(TestBroker.readAll(a.topics().packets(), 207, Duration.ofSeconds(30))))
                .hasSize(207)
                .isEqualTo(comparable(TestBroker.readAll(b.topics().packets(), 207, Duration.ofSeconds(30))));
    }

    private static Set<String> comparable(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> out = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            out.add(r.partition() + "/" + r.offset() + "/" + r.timestamp() + "/" + Arrays.toString(r.key()) + "/"
                    + Arrays.toString(r.value()));
        }
        return out;
    }

    @Test
    void truncatedFilePublishesThePacketsBeforeTheDamage() throws Exception {
        Path whole = PCAPS.resolve("http/keepalive-chunked-gzip.pcap");
        byte[] bytes = java.nio.file.Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.pcap");
        java.nio.file.Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        KafkaSettings settings = TestBroker.settings(TestBroker.uniquePrefix());

        CaptureSummary summary = publish(cut, settings);

        assertThat(summary.packets()).isEqualTo(31);
        assertThat(summary.error()).contains(cut.toString()).contains("at byte offset").contains("truncated capture");
        assertThat(TestBroker.readAll(settings.topics().packets(), 31, Duration.ofSeconds(30))).hasSize(31);
    }

    @Test
    void brokerUnreachableAtStartIsNamed() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        KafkaSettings settings = new KafkaSettings("127.0.0.1:" + closedPort, "x.", 1, Duration.ofHours(1), "lz4",
                5, 16384, Duration.ofSeconds(2));

        assertThatThrownBy(() -> PacketTopic.ensure(settings))
                .isInstanceOf(TopicAdmin.KafkaUnavailableException.class)
                .hasMessageStartingWith("Kafka broker unreachable at 127.0.0.1:" + closedPort)
                .hasMessageContaining("no answer within 2 s");
    }
}
