package io.trawl.job.registry;

import io.trawl.kafka.TopicAdmin;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.model.job.JobJson;
import io.trawl.model.job.JobRegistration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The registry as a replica builds it from a real compacted topic. */
class RegistryReaderTest {

    private static JobRegistration job(String script, String tag) {
        return new JobRegistration(script, tag, "*/5 * * * * *", 0, "[]", 1);
    }

    @Test
    void readsEveryPartitionFromTheStartAndFollowsTombstones() throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        String topic = "registry-" + UUID.randomUUID() + ".jobs";
        TopicAdmin.ensure(bootstrap, Duration.ofSeconds(15), List.of(new NewTopic(topic, 3, (short) 1)));
        JobRegistration a = job("a.js", "report");
        JobRegistration b = job("b.js", "report");
        JobRegistration c = job("c.js", "gone");
        try (Producer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, a.key(), JobJson.encode(a)));
            producer.send(new ProducerRecord<>(topic, b.key(), JobJson.encode(b)));
            producer.send(new ProducerRecord<>(topic, c.key(), JobJson.encode(c)));
            producer.send(new ProducerRecord<>(topic, c.key(), null));
            producer.send(new ProducerRecord<>(topic, "d.js/bad", "{not json".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(topic, "e.js/other", JobJson.encode(job("e.js", "tag"))));
            producer.flush();

            JobRegistry registry = new JobRegistry();
            RegistryReader reader = new RegistryReader(new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer()), topic, registry);
            Thread thread = Thread.ofPlatform().name("registry-reader-test").start(reader);
            try {
                await().atMost(Duration.ofSeconds(15)).until(reader::caughtUp);
                assertThat(registry.snapshot()).isEqualTo(Map.of(a.key(), a, b.key(), b));
                assertThat(reader.unreadable()).as("the bad JSON and the mismatched key").isEqualTo(2);

                producer.send(new ProducerRecord<>(topic, a.key(), null)).get();
                await().atMost(Duration.ofSeconds(10)).until(() -> !registry.snapshot().containsKey(a.key()));
                assertThat(registry.snapshot()).containsOnlyKeys(b.key());
                assertThat(reader.failure()).isNull();
            } finally {
                reader.stop();
                thread.join(Duration.ofSeconds(10));
            }
        }
    }
}
