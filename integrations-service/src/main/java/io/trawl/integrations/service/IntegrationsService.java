package io.trawl.integrations.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.integrations.action.ActionConsumer;
import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.ActionPipeline;
import io.trawl.integrations.action.ActionRouter;
import io.trawl.integrations.action.FailedActions;
import io.trawl.integrations.action.RecentIds;
import io.trawl.integrations.action.SecretResolver;
import io.trawl.integrations.action.Throttle;
import io.trawl.kafka.KafkaClientMeters;
import io.trawl.kafka.TopicAdmin;
import io.trawl.model.Topics;
import io.trawl.service.Threads;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares {@code trawl.actions}, its retry topic and {@code trawl.actions.dlq}, then runs the consumer threads:
 * {@code consumers} of {@code trawl.actions} and one of the retry topic, each with its own pipeline (and throttle
 * windows), all sharing the handlers, one idempotent producer for republishing and the memory of delivered ids.
 * An unreachable cluster fails the start. Plain class, so tests build it without Spring.
 */
public final class IntegrationsService implements SmartLifecycle {

    private final IntegrationsSettings settings;
    private final IntegrationsKafkaSettings kafka;
    private final ActionRouter router;
    private final SecretResolver secrets;
    private final IntegrationsMetrics metrics;
    private final RecentIds recent;
    private final MeterRegistry meters;
    private KafkaClientMeters clientMeters = KafkaClientMeters.none();
    private final List<ActionConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Producer<byte[], byte[]> producer;
    private volatile boolean running;

    public IntegrationsService(IntegrationsSettings settings, IntegrationsKafkaSettings kafka,
                               List<? extends ActionHandler> handlers, SecretResolver secrets, MeterRegistry meters) {
        this.settings = settings;
        this.kafka = kafka;
        this.router = new ActionRouter(handlers);
        this.secrets = secrets;
        this.metrics = new IntegrationsMetrics(meters);
        this.recent = new RecentIds(settings.recentIds());
        this.meters = meters;
    }

    @Override
    public void start() {
        Topics topics = kafka.topics();
        String retention = Long.toString(kafka.actionRetention().toMillis());
        try {
            TopicAdmin.ensure(kafka.bootstrapServers(), kafka.connectTimeout(), List.of(
                    new NewTopic(topics.actions(), kafka.actionPartitions(), (short) -1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retention)),
                    new NewTopic(topics.actionsRetry(), kafka.actionPartitions(), (short) -1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retention)),
                    new NewTopic(topics.actionsDeadLetter(), kafka.actionPartitions(), (short) -1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG,
                                    Long.toString(kafka.deadLetterRetention().toMillis())))));
        } catch (TopicAdmin.KafkaUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        clientMeters = new KafkaClientMeters(meters);
        producer = clientMeters.bind(new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer()));
        FailedActions failed = new FailedActions(producer, topics, kafka.connectTimeout());
        for (int i = 0; i < settings.consumers(); i++) {
            start("actions-" + i, topics.actions(), kafka.groupId(), false, pipeline(failed, true));
        }
        start("actions-retry", topics.actionsRetry(), kafka.groupId() + "-retry", true, pipeline(failed, false));
        running = true;
    }

    private ActionPipeline pipeline(FailedActions failed, boolean throttled) {
        IntegrationsSettings.Throttle t = settings.throttle();
        Throttle throttle = throttled && t.enabled() ? new Throttle(t.window(), t.maxKeys()) : null;
        return new ActionPipeline(router, secrets, settings.retry().policy(), failed, recent, throttle, metrics,
                InstantSource.system());
    }

    private void start(String name, String topic, String group, boolean delayed, ActionPipeline pipeline) {
        ActionConsumer consumer = new ActionConsumer(name, clientMeters.bind(new KafkaConsumer<>(
                consumerConfig(name, group), new ByteArrayDeserializer(), new ByteArrayDeserializer())), topic,
                delayed, pipeline,
                InstantSource.system());
        consumers.add(consumer);
        threads.add(Thread.ofPlatform().name("trawl-integrations-" + name).start(consumer));
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "trawl-integrations-failed");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.connectTimeout().toMillis());
        return config;
    }

    private Map<String, Object> consumerConfig(String name, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "trawl-integrations-" + name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Requests published before the first start are performed too: an alert is never skipped for being early.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, maxPollInterval()));
        return config;
    }

    /**
     * Long enough for a whole poll of requests that each take the longest timeout (the group would otherwise
     * count a consumer busy with slow targets as dead and move its partitions): Kafka's 5 minutes at least.
     */
    private long maxPollInterval() {
        IntegrationsSettings.Webhooks webhooks = settings.webhooks();
        long slowest = Math.max(webhooks.connectTimeout().plus(webhooks.requestTimeout()).toMillis(),
                webhooks.connectTimeout().plus(settings.slack().requestTimeout()).toMillis());
        return Math.max(Duration.ofMinutes(5).toMillis(), settings.maxPollRecords() * slowest + 60_000);
    }

    /** The error that stopped a consumer, or null while all run. */
    public Exception failure() {
        return consumers.stream().map(ActionConsumer::failure).filter(f -> f != null).findFirst().orElse(null);
    }

    /** The kinds this service has handlers for, such as {@code slack, slackBot, webhook}. */
    public String handledKinds() {
        return router.handled();
    }

    /** Records the consumers have finished with, the retry topic's included. */
    public long records() {
        return consumers.stream().mapToLong(ActionConsumer::records).sum();
    }

    @Override
    public void stop() {
        consumers.forEach(ActionConsumer::stop);
        for (Thread thread : threads) {
            Threads.join(thread, Duration.ofSeconds(15));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        clientMeters.close();
        consumers.clear();
        threads.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
