package io.trawl.integrations;

import com.slack.api.Slack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.DeliveryHeaders;
import io.trawl.integrations.action.SecretResolver;
import io.trawl.integrations.action.SnapshotFiles;
import io.trawl.integrations.secret.EnvSecrets;
import io.trawl.integrations.service.IntegrationsKafkaSettings;
import io.trawl.integrations.service.IntegrationsService;
import io.trawl.integrations.service.IntegrationsSettings;
import io.trawl.integrations.slack.SlackBotHandler;
import io.trawl.integrations.slack.SlackClients;
import io.trawl.integrations.slack.SlackWebhookHandler;
import io.trawl.integrations.webhook.TargetGuard;
import io.trawl.integrations.webhook.WebhookHandler;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;
import io.trawl.model.Topics;
import io.trawl.model.action.ActionJson;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * The delivery side as the application wires it, on the JVM's shared embedded broker under a topic prefix of its
 * own, with the Slack and webhook handlers pointed at a {@link LocalServer}: retries in tenths of a second,
 * throttling over a window the test chooses, secrets from the given env.
 */
public final class DeliveryRig implements AutoCloseable {

    public static final int ATTEMPTS = 3;
    private static final AtomicLong IDS = new AtomicLong();

    public final LocalServer server = new LocalServer();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final Topics topics = new Topics("deliver-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    private final Supplier<IntegrationsService> newService;
    private IntegrationsService service;
    private final Producer<byte[], byte[]> producer;

    public DeliveryRig(Duration throttleWindow, Map<String, String> env, Map<String, Map<String, String>> scriptEnv,
                       SnapshotFiles snapshots) {
        IntegrationsSettings settings = new IntegrationsSettings(1, 10, 1000,
                new IntegrationsSettings.Retry(ATTEMPTS, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5)),
                new IntegrationsSettings.Throttle(throttleWindow != null, throttleWindow == null
                        ? Duration.ofSeconds(60) : throttleWindow, 1000),
                new IntegrationsSettings.Webhooks(Duration.ofSeconds(2), Duration.ofSeconds(5), false),
                new IntegrationsSettings.Slack(server.url("/api/"), Duration.ofSeconds(5), DataSize.ofMegabytes(1)));
        IntegrationsKafkaSettings kafka = new IntegrationsKafkaSettings(bootstrap(), topics.prefix(),
                "trawl-integrations", 2, Duration.ofDays(1), Duration.ofDays(1), Duration.ofSeconds(30));
        TargetGuard guard = new TargetGuard(false);
        Slack slack = SlackClients.create(settings.slack().methodsUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5));
        List<ActionHandler> handlers = List.of(new SlackWebhookHandler(slack, guard),
                new SlackBotHandler(slack, () -> Optional.ofNullable(snapshots), 1 << 20),
                new WebhookHandler(Duration.ofSeconds(2), Duration.ofSeconds(5), guard));
        SecretResolver secrets = new EnvSecrets(env, scriptEnv);
        newService = () -> new IntegrationsService(settings, kafka, handlers, secrets, meters);
        service = newService.get();
        service.start();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap(), "linger.ms", 0),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public DeliveryRig() {
        this(null, Map.of(), Map.of(), null);
    }

    public static String bootstrap() {
        return EmbeddedKafkaBroker.shared().bootstrapServers();
    }

    /** A request of {@code script} with a fresh id. */
    public static ActionRequest request(ActionKind kind, String script, String params) {
        return new ActionRequest("req-" + IDS.incrementAndGet(), kind, script, 1, "onItemCaptured", "node-1",
                System.currentTimeMillis(), null, params);
    }

    public void publish(ActionRequest action) {
        publish(action.script(), ActionJson.encode(action));
    }

    /** Publishes all of {@code actions} in one go, as a flood would arrive. */
    public void publishAll(List<ActionRequest> actions) {
        for (ActionRequest action : actions) {
            producer.send(new ProducerRecord<>(topics.actions(), action.script().getBytes(StandardCharsets.UTF_8),
                    ActionJson.encode(action)));
        }
        producer.flush();
    }

    public void publish(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topics.actions(), key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dead letters of {@code script} (the record key), once there are {@code expected} of them. */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters(String script, int expected) {
        List<List<ConsumerRecord<byte[], byte[]>>> found = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.set(0, TopicReader.readAll(bootstrap(), topics.actionsDeadLetter(), Integer.MAX_VALUE,
                    Duration.ofMillis(700)).stream()
                    .filter(r -> script.equals(new String(r.key(), StandardCharsets.UTF_8))).toList());
            return found.getFirst().size() >= expected;
        });
        return found.getFirst();
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeliveryHeaders.text(record.headers(), name);
    }

    public double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    public double deliveries(String channel, String outcome) {
        return count("trawl.integrations.deliveries", "channel", channel, "outcome", outcome);
    }

    public IntegrationsService service() {
        return service;
    }

    /** Stops the service and starts a new one in its place, as a redeployed replica would start. */
    public void restart() {
        service.stop();
        service = newService.get();
        service.start();
    }

    @Override
    public void close() {
        service.stop();
        producer.close();
        server.close();
    }
}
