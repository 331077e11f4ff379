package io.trawl.dissect.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.capture.kafka.KafkaSettings;
import io.trawl.capture.kafka.PacketProducerFactory;
import io.trawl.capture.kafka.PacketTopic;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.dissect.detect.StandardDissectors;
import io.trawl.dissect.flow.DissectionStats;
import io.trawl.dissect.item.ItemSchemaCheck;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;
import io.trawl.model.Topics;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Partitions moving between replicas in the middle of conversations: every exchange still comes out whole,
 * once or more, always with the same id and content.
 */
class RebalanceTest {

    private static final Path CAPTURE = Path.of("../testdata/pcaps/http/post-100continue-chunked-gzip.pcap");
    private final String prefix = "rebalance-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix);
    private final String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();

    private final DissectorSettings settings = new DissectorSettings(1, 100_000,
            org.springframework.util.unit.DataSize.ofKilobytes(256), Duration.ofSeconds(120),
            org.springframework.util.unit.DataSize.ofKilobytes(64), org.springframework.util.unit.DataSize.ofKilobytes(256),
            org.springframework.util.unit.DataSize.ofKilobytes(64), 64, Duration.ofSeconds(10));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private double packetsDissected() {
        var counter = meters.find("trawl.dissector.packets").counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, String> itemsById() {
        Map<String, String> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(bootstrap, topics.items(), 1000, Duration.ofSeconds(1))) {
            JsonNode item = ItemSchemaCheck.valid(r.value());
            String id = item.get("id").asString();
            String json = new String(r.value(), StandardCharsets.UTF_8);
            String previous = byId.putIfAbsent(id, json);
            if (previous != null) {
                assertThat(json).as("item %s emitted twice", id).isEqualTo(previous);
            }
        }
        return byId;
    }

    private PacketConsumer consumer(Producer<byte[], byte[]> items, String clientId) {
        KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, prefix + "group",
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 7),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new PacketConsumer(kafka, items, topics, settings, StandardDissectors.registry(),
                new DissectorMetrics(meters), new DissectionStats());
    }

    /** Publishes packets {@code [from, to)} of the capture, shifted to the present so retention keeps them. */
    private void publish(PacketPublisher publisher, int from, int to) throws Exception {
        try (CaptureFileReader reader = CaptureFileReader.open(CAPTURE)) {
            FilePacket p = new FilePacket();
            long shift = -1;
            for (int i = 0; reader.next(p) && i < to; i++) {
                if (shift < 0) {
                    shift = 1_700_000_000_000_000_000L - p.timestampNanos;
                }
                if (i >= from) {
                    publisher.accept(p.timestampNanos + shift, p.linkType, p.originalLength, p.buffer, p.offset,
                            p.length, "file");
                }
            }
        }
        publisher.flush();
    }

    @Test
    void itemsSurviveAReplicaJoiningAndAReplicaLeavingMidConversation() throws Exception {
        KafkaSettings kafka = new KafkaSettings(bootstrap, prefix, 12, Duration.ofDays(3650), "lz4", 5, 262_144,
                Duration.ofSeconds(15));
        PacketTopic.ensure(kafka);
        try (Producer<byte[], byte[]> packets = PacketProducerFactory.create(kafka, "rebalance-packets");
             Producer<byte[], byte[]> items = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            PacketPublisher publisher = new PacketPublisher(packets, topics.packets(), "node-r",
                    PacketPublisher.PublishListener.NONE);
            publish(publisher, 0, 70);
            PacketConsumer first = consumer(items, "first");
            Thread firstThread = Thread.ofPlatform().start(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> packetsDissected() >= 70);

            // a second replica joins: the group rebalances while conversations are open
            PacketConsumer second = consumer(items, "second");
            Thread secondThread = Thread.ofPlatform().start(second);
            publish(publisher, 70, 140);
            await().atMost(Duration.ofSeconds(30)).until(() -> packetsDissected() >= 140);

            // the first replica leaves: its partitions move to the second, open conversations are re-read
            first.stop();
            firstThread.join(Duration.ofSeconds(15));
            publish(publisher, 140, 207);
            await().atMost(Duration.ofSeconds(60)).until(() -> itemsById().size() >= 10);
            second.stop();
            secondThread.join(Duration.ofSeconds(15));
            assertThat(first.failure()).isNull();
            assertThat(second.failure()).isNull();
        }

        Map<String, String> byId = itemsById();
        // the capture holds 10 request/response exchanges on 9 connections, as tshark counts them
        assertThat(byId).hasSize(10);
        assertThat(byId.values()).allSatisfy(json -> assertThat(json).contains("\"error\":null"));
    }
}
