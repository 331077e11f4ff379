package io.trawl.capture.kafka;

import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One real embedded broker for the whole test JVM (a broker's first start costs seconds), and reads from it. */
public final class TestBroker {

    private static EmbeddedKafkaBroker broker;

    private TestBroker() {
    }

    public static synchronized String bootstrap() {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.builder().defaultPartitions(12).start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return broker.bootstrapServers();
    }

    /** A fresh topic prefix, so that tests sharing the broker never see each other's records. */
    public static String uniquePrefix() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    public static KafkaSettings settings(String prefix) {
        return new KafkaSettings(bootstrap(), prefix, 12, Duration.ofHours(1), "lz4", 5, 262_144,
                Duration.ofSeconds(15));
    }

    /** Reads every record of {@code topic} from the start until {@code expected} have arrived. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
