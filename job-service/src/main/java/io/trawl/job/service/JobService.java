package io.trawl.job.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.job.registry.JobRegistry;
import io.trawl.job.registry.RegistryReader;
import io.trawl.job.schedule.RunLedger;
import io.trawl.job.schedule.TickScheduler;
import io.trawl.kafka.TopicAdmin;
import io.trawl.model.Topics;
import net.javacrumbs.shedlock.core.LockProvider;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares {@code trawl.jobs} (compacted) and {@code trawl.jobs.fired}, then runs two threads: the
 * {@link RegistryReader} that keeps every registration in memory, and the {@link TickScheduler} that fires them
 * through one idempotent producer. An unreachable cluster fails the start.
 */
@Component
public class JobService implements SmartLifecycle {

    private final JobSettings settings;
    private final JobKafkaSettings kafka;
    private final LockProvider locks;
    private final RunLedger ledger;
    private final JobRegistry registry = new JobRegistry();
    private final JobMetrics metrics;
    private Producer<byte[], byte[]> producer;
    private RegistryReader reader;
    private TickScheduler scheduler;
    private Thread readerThread;
    private Thread schedulerThread;

    public JobService(JobSettings settings, JobKafkaSettings kafka, LockProvider locks, RunLedger ledger,
                      MeterRegistry meters) {
        this.settings = settings;
        this.kafka = kafka;
        this.locks = locks;
        this.ledger = ledger;
        this.metrics = new JobMetrics(meters, registry);
    }

    @Override
    public void start() {
        var policy = settings.policy();
        Topics topics = kafka.topics();
        try {
            TopicAdmin.ensure(kafka.bootstrapServers(), kafka.connectTimeout(), List.of(
                    new NewTopic(topics.jobs(), kafka.jobPartitions(), (short) -1).configs(Map.of(
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(topics.jobsFired(), kafka.firedPartitions(), (short) -1).configs(Map.of(
                            TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.firedRetention().toMillis())))));
        } catch (TopicAdmin.KafkaUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        String replica = settings.replicaName();
        producer = new KafkaProducer<>(producerConfig(replica), new ByteArraySerializer(), new ByteArraySerializer());
        reader = new RegistryReader(new KafkaConsumer<>(consumerConfig(replica), new StringDeserializer(),
                new ByteArrayDeserializer()), topics.jobs(), registry);
        scheduler = new TickScheduler(registry, locks, ledger,
                new KafkaFireEventSink(producer, topics.jobsFired(), kafka.connectTimeout()), policy,
                settings.historyRetention(), replica, InstantSource.system(), metrics);
        readerThread = Thread.ofPlatform().name("job-registry").start(reader);
        schedulerThread = Thread.ofPlatform().name("job-scheduler").start(scheduler);
    }

    private Map<String, Object> producerConfig(String replica) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "trawl-job-fired-" + replica);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.connectTimeout().toMillis());
        return config;
    }

    private Map<String, Object> consumerConfig(String replica) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "trawl-job-registry-" + replica);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    public JobRegistry registry() {
        return registry;
    }

    /** Null before the start. */
    public TickScheduler scheduler() {
        return scheduler;
    }

    /** True once every registration made before the start is known. */
    public boolean caughtUp() {
        return reader != null && reader.caughtUp();
    }

    /** The error that stopped the reader or the scheduler, or null while both run. */
    public Exception failure() {
        if (reader != null && reader.failure() != null) {
            return reader.failure();
        }
        return scheduler == null ? null : scheduler.failure();
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
        if (reader != null) {
            reader.stop();
        }
        join(schedulerThread);
        join(readerThread);
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        schedulerThread = null;
        readerThread = null;
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return schedulerThread != null;
    }
}
