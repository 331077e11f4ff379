package io.trawl.capture.kafka;

import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The JVM's shared embedded broker, and reads from it. */
public final class TestBroker {

    private TestBroker() {
    }

    public static String bootstrap() {
        return EmbeddedKafkaBroker.shared().bootstrapServers();
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
        return TopicReader.readAll(bootstrap(), topic, expected, timeout);
    }
}
