package io.trawl.job.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.job.history.JobHistory;
import io.trawl.job.history.ResultReader;
import io.trawl.job.registry.JobRegistry;
import io.trawl.job.registry.RegistryReader;
import io.trawl.job.schedule.FireEventSink;
import io.trawl.job.schedule.RunLedger;
import io.trawl.job.schedule.TickScheduler;
import io.trawl.kafka.KafkaClientMeters;
import io.trawl.kafka.TopicAdmin;
import io.trawl.model.Topics;
import io.trawl.model.job.JobRegistration;
import io.trawl.service.Threads;
import net.javacrumbs.shedlock.core.LockProvider;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Declares {@code trawl.jobs} (compacted), {@code trawl.jobs.fired} and {@code trawl.jobs.results}, then runs three
 * threads: the {@link RegistryReader} that keeps every registration in memory, the {@link TickScheduler} that fires
 * them through one idempotent producer, and the {@link ResultReader} that records how runs ended. It also runs and
 * removes jobs for the API. An unreachable cluster fails the start.
 */
@Component
public class JobService implements SmartLifecycle {

    /** How long stop() waits for each of its threads. */
    private static final Duration JOIN = Duration.ofSeconds(10);

    private final JobSettings settings;
    private final JobKafkaSettings kafka;
    private final LockProvider locks;
    private final RunLedger ledger;
    private final JobRegistry registry = new JobRegistry();
    private final JobHistory history;
    private final JobMetrics metrics;
    private final MeterRegistry meters;
    private KafkaClientMeters clientMeters;
    private Producer<byte[], byte[]> producer;
    private RegistryReader reader;
    private TickScheduler scheduler;
    private Thread readerThread;
    private Thread schedulerThread;
    private ResultReader results;
    private Thread resultThread;
    private FireEventSink sink;

    public JobService(JobSettings settings, JobKafkaSettings kafka, LockProvider locks, RunLedger ledger,
                      JobHistory history, MeterRegistry meters) {
        this.settings = settings;
        this.kafka = kafka;
        this.locks = locks;
        this.ledger = ledger;
        this.history = history;
        this.metrics = new JobMetrics(meters, registry);
        this.meters = meters;
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
                            TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.firedRetention().toMillis()))),
                    new NewTopic(topics.jobsResults(), kafka.firedPartitions(), (short) -1).configs(Map.of(
                            TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.firedRetention().toMillis())))));
        } catch (TopicAdmin.KafkaUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        String replica = settings.replicaName();
        clientMeters = new KafkaClientMeters(meters);
        producer = clientMeters.bind(new KafkaProducer<>(producerConfig(replica), new ByteArraySerializer(),
                new ByteArraySerializer()));
        reader = new RegistryReader(clientMeters.bind(new KafkaConsumer<>(consumerConfig(replica),
                new StringDeserializer(), new ByteArrayDeserializer())), topics.jobs(), registry);
        sink = new KafkaFireEventSink(producer, topics.jobsFired(), kafka.connectTimeout());
        scheduler = new TickScheduler(registry, locks, ledger, sink, policy,
                settings.historyRetention(), replica, InstantSource.system(), metrics);
        results = new ResultReader(clientMeters.bind(new KafkaConsumer<>(resultConsumerConfig(replica),
                new StringDeserializer(), new ByteArrayDeserializer())), topics.jobsResults(), history, metrics);
        readerThread = Thread.ofPlatform().name("job-registry").start(reader);
        resultThread = Thread.ofPlatform().name("job-results").start(results);
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

    private Map<String, Object> resultConsumerConfig(String replica) {
        Map<String, Object> config = consumerConfig(replica);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "trawl-job-results-" + replica);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.resultGroup());
        return config;
    }

    /**
     * Fires one run of {@code key}'s job now, counted and recorded like a tick (so it counts toward a limit).
     *
     * @return the run number, or empty when the job has reached its limit
     * @throws NoSuchElementException when no such job is registered
     */
    public Optional<Long> runNow(String key) {
        JobRegistration job = registry.snapshot().get(key);
        if (job == null) {
            throw new NoSuchElementException("no job " + key + " is registered");
        }
        long now = System.currentTimeMillis();
        // the run number as fired, not read again after: another replica's tick may count the next one meanwhile
        AtomicLong run = new AtomicLong();
        FireEventSink publishing = fired -> {
            sink.publish(fired);
            run.set(fired.run());
        };
        for (int attempt = 0; ; attempt++) {
            RunLedger.Claim claim = ledger.fire(job, now + attempt, now, settings.replicaName(), true, publishing);
            switch (claim) {
                case FIRED:
                    return Optional.of(run.get());
                case LIMIT_REACHED:
                    return Optional.empty();
                case ALREADY_FIRED:
                    continue; // another run was asked for in the same millisecond
            }
        }
    }

    /**
     * Removes {@code key}'s registration: a tombstone on {@code trawl.jobs}, acknowledged before this returns. Every
     * replica stops scheduling it; the script registers it again only when its top-level code runs again (a new
     * version, a re-enable) or it calls {@code jobs.schedule} again.
     *
     * @throws NoSuchElementException when no such job is registered
     */
    public void remove(String key) throws Exception {
        if (!registry.snapshot().containsKey(key)) {
            throw new NoSuchElementException("no job " + key + " is registered");
        }
        producer.send(new ProducerRecord<>(kafka.topics().jobs(), key.getBytes(StandardCharsets.UTF_8), null))
                .get(kafka.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        registry.remove(key);
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
        if (results != null && results.failure() != null) {
            return results.failure();
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
        if (results != null) {
            results.stop();
        }
        Threads.join(schedulerThread, JOIN);
        Threads.join(readerThread, JOIN);
        Threads.join(resultThread, JOIN);
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            clientMeters.close();
        }
        schedulerThread = null;
        readerThread = null;
        resultThread = null;
    }

    @Override
    public boolean isRunning() {
        return schedulerThread != null;
    }
}
