package io.trawl.dissect.service;

import io.trawl.capture.CaptureRun;
import io.trawl.capture.kafka.KafkaSettings;
import io.trawl.capture.kafka.PacketProducerFactory;
import io.trawl.capture.kafka.PacketTopic;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.file.CaptureFileSource;
import io.trawl.dissect.item.ItemSchemaCheck;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;
import io.trawl.model.Topics;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.flow.FlowKey;
import io.trawl.service.NodeName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The service as deployed: packets in from Kafka, items out to Kafka, poison records to the dead-letter topic. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "trawl.dissector.consumers=2")
@AutoConfigureMetrics
class DissectorServiceTest {

    private static final String PREFIX = "dissect-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Topics TOPICS = new Topics(PREFIX);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("trawl.kafka.bootstrap-servers", DissectorServiceTest::bootstrap);
        registry.add("trawl.kafka.topic-prefix", () -> PREFIX);
    }

    static String bootstrap() {
        return EmbeddedKafkaBroker.shared().bootstrapServers();
    }

    @LocalServerPort
    int port;

    private static void publish(String pcap) throws Exception {
        KafkaSettings settings = new KafkaSettings(bootstrap(), PREFIX, 12, Duration.ofHours(1), "lz4", 5, 262_144,
                Duration.ofSeconds(15));
        PacketTopic.ensure(settings);
        try (Producer<byte[], byte[]> producer = PacketProducerFactory.create(settings, "test")) {
            // retimed: the packets topic's time retention would otherwise expire a years-old capture
            new CaptureRun(CaptureFileSource.open(Path.of("../testdata/pcaps", pcap), 0, false, true),
                    new PacketPublisher(producer, TOPICS.packets(), "node-t", PacketPublisher.PublishListener.NONE))
                    .run();
        }
    }

    @Test
    void packetsBecomeItemsKeyedByFlowAndPoisonGoesToTheDeadLetterTopic() throws Exception {
        try (Producer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            PacketTopic.ensure(new KafkaSettings(bootstrap(), PREFIX, 12, Duration.ofHours(1), "lz4", 5, 262_144,
                    Duration.ofSeconds(15)));
            raw.send(new ProducerRecord<>(TOPICS.packets(), 0, new byte[] {9}, "not a packet".getBytes())).get();
        }
        publish("http/keepalive-chunked-gzip.pcap");
        publish("dns/tcp-multiple-queries-one-segment.pcap");

        List<ConsumerRecord<byte[], byte[]>> records =
                TopicReader.readAll(bootstrap(), TOPICS.items(), 23, Duration.ofSeconds(60));
        assertThat(records).hasSize(23);
        Set<String> ids = new HashSet<>();
        int http = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode item = ItemSchemaCheck.valid(r.value());
            FlowKey key = FlowKey.fromBytes(r.key());
            assertThat(key.protocol()).isEqualTo(DecodedPacket.TCP);
            assertThat(List.of(key.portA(), key.portB())).contains(item.get("dst").get("port").asInt());
            assertThat(item.get("node").asString()).isEqualTo("node-t");
            ids.add(item.get("id").asString());
            if (item.get("protocol").get("name").asString().equals("http")) {
                http++;
                assertThat(item.get("response").get("status").asInt()).isEqualTo(200);
            }
        }
        assertThat(http).isEqualTo(3);
        assertThat(ids).hasSize(23);

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicReader.readAll(bootstrap(), TOPICS.packetsDeadLetter(), 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.getFirst().headers().lastHeader("trawl.error.message").value(),
                StandardCharsets.UTF_8)).contains("packet record");

        String metrics = get("/actuator/prometheus");
        // tagged with the node it runs on (the host name here), like every meter
        String tags = "application=\"dissector-service\",node=\"" + NodeName.resolve() + "\"";
        assertThat(metrics).contains("trawl_dissector_items_total{" + tags + ",outcome=\"ok\",protocol=\"http\"} 3.0");
        assertThat(metrics).contains("trawl_dissector_dead_letters_total{" + tags + ",reason=\"format\"} 1.0");
        assertThat(metrics).contains("trawl_dissector_dead_letters_total{" + tags + ",reason=\"dissection\"} 0.0");
        // every consumer's lag, by its client id
        assertThat(metrics).containsPattern(
                "kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"trawl-dissector-1\"");
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
    }

    private String get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
