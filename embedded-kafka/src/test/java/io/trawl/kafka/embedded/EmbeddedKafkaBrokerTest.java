package io.trawl.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs real brokers: nothing here mocks Kafka. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerTest {

    @TempDir
    Path tempDir;

    @Test
    void producesAndConsumesRecordsOnATwelvePartitionTopicWithEachKeyOnOnePartition() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
            assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
            String topic = "records";

            Map<String, Integer> partitionOfKey = new HashMap<>();
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                List<RecordMetadata> sent = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i))
                            .get(30, TimeUnit.SECONDS));
                }
                for (int i = 0; i < 100; i++) {
                    Integer previous = partitionOfKey.putIfAbsent("key-" + (i % 10), sent.get(i).partition());
                    if (previous != null) {
                        assertThat(sent.get(i).partition()).as("partition of key-%d", i % 10).isEqualTo(previous);
                    }
                }
            }

            // Auto-created with the default of 12 partitions.
            try (Admin admin = admin(kafka)) {
                TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(topic);
                assertThat(description.partitions()).hasSize(12);
            }

            List<ConsumerRecord<String, String>> received = consumeAll(kafka, topic, 100);
            assertThat(received).hasSize(100);
            assertThat(received).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 100).mapToObj(i -> "value-" + i).toList());
            assertThat(received).extracting(ConsumerRecord::key)
                    .containsAll(partitionOfKey.keySet())
                    .isSubsetOf(partitionOfKey.keySet());
            assertThat(partitionOfKey).hasSize(10);
            for (ConsumerRecord<String, String> record : received) {
                assertThat(record.partition()).as("partition of %s", record.key())
                        .isEqualTo(partitionOfKey.get(record.key()));
                int index = Integer.parseInt(record.value().substring("value-".length()));
                assertThat(record.key()).isEqualTo("key-" + (index % 10));
            }
            assertThat(Set.copyOf(partitionOfKey.values())).as("10 keys spread over partitions").hasSizeGreaterThan(1);
        }
    }

    @Test
    void brokerRestartedOnTheSamePersistentDataDirectoryKeepsItsRecordsAndClusterId() throws Exception {
        Path dataDir = tempDir.resolve("kafka-data");
        String topic = "survives-restart";
        String clusterId;
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDirectory(dataDir).start()) {
            assertThat(kafka.dataDirectory()).isEqualTo(dataDir.toAbsolutePath());
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            clusterId = clusterId(kafka);
        }
        assertThat(dataDir).isDirectory();
        assertThat(dataDir.resolve(EmbeddedKafkaBroker.CLUSTER_ID_FILE)).content().contains(clusterId);

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.builder().dataDirectory(dataDir).start()) {
            assertThat(clusterId(restarted)).isEqualTo(clusterId);
            List<ConsumerRecord<String, String>> received = consumeAll(restarted, topic, 10);
            assertThat(received).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        }
        assertThat(dataDir).isDirectory();
    }

    @Test
    void closeStopsTheBrokerReleasesItsPortAndDeletesItsTemporaryDataDirectory() throws Exception {
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
        Path dataDir = kafka.dataDirectory();
        int port = port(kafka);
        assertThat(dataDir).isDirectory();
        assertThat(clusterId(kafka)).isNotBlank();

        kafka.close();

        assertThat(dataDir).doesNotExist();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        }).isInstanceOf(ConnectException.class);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1_500);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        try (ServerSocket reuse = new ServerSocket()) {
            reuse.bind(new InetSocketAddress("127.0.0.1", port));
        }
        assertThatCode(kafka::close).as("second close is a no-op").doesNotThrowAnyException();
    }

    @Test
    void twoBrokersRunInOneJvmAtOnceOnDifferentPorts() throws Exception {
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start();
             EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().defaultPartitions(3).start()) {
            assertThat(first.bootstrapServers()).isNotEqualTo(second.bootstrapServers());
            assertThat(first.dataDirectory()).isNotEqualTo(second.dataDirectory());
            assertThat(clusterId(first)).isNotEqualTo(clusterId(second));

            String topic = "same-name";
            try (KafkaProducer<String, String> toFirst = producer(first);
                 KafkaProducer<String, String> toSecond = producer(second)) {
                toFirst.send(new ProducerRecord<>(topic, "k", "for-first")).get(30, TimeUnit.SECONDS);
                toSecond.send(new ProducerRecord<>(topic, "k", "for-second")).get(30, TimeUnit.SECONDS);
            }
            assertThat(consumeAll(first, topic, 1)).extracting(ConsumerRecord::value).containsExactly("for-first");
            assertThat(consumeAll(second, topic, 1)).extracting(ConsumerRecord::value).containsExactly("for-second");
            try (Admin admin = admin(second)) {
                assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic).partitions()).as("defaultPartitions(3)").hasSize(3);
            }
        }
    }

    @Test
    void dataDirectoryThatIsARegularFileFailsWithAnExceptionNamingThePath() throws IOException {
        Path file = Files.writeString(tempDir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().dataDirectory(file).start())
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("not a directory");
    }

    @Test
    void portAlreadyInUseFailsWithAnExceptionNamingThePort() throws IOException {
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = occupied.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(port).start())
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void controllerListenerThatCannotBindFailsTheStartInsteadOfHaltingTheJvm() throws IOException {
        // Kafka's own KafkaRaftServer halts the JVM on this fault; the embedded broker must not.
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress("127.0.0.1", 0));
            int taken = occupied.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder()
                    .property("listeners", "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:" + taken)
                    .property("controller.quorum.voters", "1@127.0.0.1:" + taken)
                    .start())
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining("failed to start")
                    .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void persistentDataDirectoryInUseByARunningBrokerIsRefused() {
        Path dataDir = tempDir.resolve("shared");
        try (EmbeddedKafkaBroker running = EmbeddedKafkaBroker.builder().dataDirectory(dataDir).start()) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().dataDirectory(dataDir).start())
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessageContaining(dataDir.toAbsolutePath().toString())
                    .hasMessageContaining("already in use");
            assertThat(running.bootstrapServers()).isNotBlank();
        }
    }

    @Test
    void invalidBrokerPropertyFailsWithAnExceptionNamingTheProperty() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().property("num.io.threads", "many").start())
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("num.io.threads");
    }

    // ---------------------------------------------------------------------------------------------

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static Admin admin(EmbeddedKafkaBroker kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }

    private static String clusterId(EmbeddedKafkaBroker kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static int port(EmbeddedKafkaBroker kafka) {
        String address = kafka.bootstrapServers();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** Consumes from the beginning with a fresh consumer group until {@code expected} records arrived. */
    private static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafkaBroker kafka, String topic,
                                                                 int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.size() >= expected;
            });
            // Nothing beyond what was produced.
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        return received;
    }
}
