package io.trawl.script.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.kafka.TopicAdmin;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;
import io.trawl.model.Topics;
import io.trawl.model.action.ActionJson;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;

/**
 * What the producer gives up on while the broker is away is sent again by {@link KafkaActionPublisher#awaitAcknowledged},
 * which returns only once the broker is back and has taken it: nothing lost, nothing twice.
 */
class KafkaActionPublisherTest {

    private static final Topics TOPICS = new Topics("publisher.");

    @TempDir
    Path data;

    @Test
    void actionsTheProducerGaveUpOnAreSentAgainBeforeTheWaitEnds() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDirectory(data).start();
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        TopicAdmin.ensure(bootstrap, Duration.ofSeconds(30), List.of(new NewTopic(TOPICS.actions(), 1, (short) 1)));
        var registry = new SimpleMeterRegistry();
        Map<String, Object> config = new HashMap<>(KafkaActionPublisher.PRODUCER_SETTINGS);
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
        var publisher = new KafkaActionPublisher(new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer()), TOPICS, registry);
        try {
            assertThat(publisher.awaitMetadata(Duration.ofSeconds(30))).isTrue();
            publisher.publish(action("a1"));
            publisher.awaitAcknowledged();
            broker.close();

            publisher.publish(action("a2"));
            publisher.publish(action("a3"));
            CompletableFuture<Void> acknowledged = CompletableFuture.runAsync(() -> {
                try {
                    publisher.awaitAcknowledged();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> counter(registry, "resent") >= 2);
            assertThat(acknowledged).isNotDone();

            broker = EmbeddedKafkaBroker.builder().dataDirectory(data).port(port).start();
            acknowledged.get(60, TimeUnit.SECONDS);

            assertThat(TopicReader.readAll(bootstrap, TOPICS.actions(), 3, Duration.ofSeconds(30)))
                    .extracting(record -> ActionJson.decode(record.value()).id())
                    .containsExactlyInAnyOrder("a1", "a2", "a3");
            assertThat(counter(registry, "published")).isEqualTo(3);
            assertThat(counter(registry, "dropped")).isZero();
        } finally {
            publisher.close();
            broker.close();
        }
    }

    private static ActionRequest action(String id) {
        return new ActionRequest(id, ActionKind.WEBHOOK, "s", 1, "onItemCaptured", "node-a", 1, null,
                "{\"method\":\"GET\",\"url\":\"https://x.test/\",\"body\":\"\",\"headers\":{}}");
    }

    private static double counter(SimpleMeterRegistry registry, String outcome) {
        return registry.get("trawl.script.actions").tag("outcome", outcome).counter().count();
    }
}
