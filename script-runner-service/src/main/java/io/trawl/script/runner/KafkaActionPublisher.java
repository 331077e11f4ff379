package io.trawl.script.runner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.model.Topics;
import io.trawl.model.action.ActionJson;
import io.trawl.model.action.ActionRequest;
import io.trawl.script.helper.action.ActionPublisher;

/**
 * The {@code vendor} and {@code pcap} helpers' actions onto {@code trawl.actions}, keyed by script name (so one
 * script's actions keep their order), through an idempotent producer that waits for every in-sync replica
 * ({@code acks=all}).
 *
 * <p>{@link #publish} only hands the record to the producer, which sends it from its own thread: a hook never
 * waits on the network. The producer is configured with {@link #PRODUCER_SETTINGS} so that even when it has no
 * metadata (at start, or after it lost every broker and went back to the bootstrap servers) or its buffer is full,
 * a send fails at once instead of blocking the hook. {@link #awaitAcknowledged} is the other half: the feeds call it
 * before committing, and it returns once every record handed over before it is acknowledged. A record the producer
 * gave up on or refused for a reason that may pass (no metadata yet, a timeout, a broker without leader) is sent
 * again there, until Kafka takes it; one refused for good (which the helpers' size bound is there to prevent) is
 * logged and counted as dropped.
 */
public final class KafkaActionPublisher implements ActionPublisher, PendingActions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaActionPublisher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /**
     * What the producer needs besides idempotence and {@code acks=all}: a send never blocks (it fails, and is sent
     * again before the commit), and the topic's metadata is kept while no script publishes, so that the next send
     * finds it.
     */
    public static final Map<String, Object> PRODUCER_SETTINGS = Map.of(
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 0,
            ProducerConfig.METADATA_MAX_IDLE_CONFIG, Duration.ofDays(7).toMillis());

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Queue<ProducerRecord<byte[], byte[]>> toResend = new ConcurrentLinkedQueue<>();
    private final Counter published;
    private final Counter resent;
    private final Counter dropped;

    public KafkaActionPublisher(Producer<byte[], byte[]> producer, Topics topics, MeterRegistry registry) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = topics.actions();
        this.published = outcome(registry, "published");
        this.resent = outcome(registry, "resent");
        this.dropped = outcome(registry, "dropped");
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("trawl.script.actions")
                .description("Action requests scripts published to trawl.actions, by outcome: published (acknowledged), "
                        + "resent (given up by the producer and sent again) or dropped (refused by Kafka for good)")
                .tag("outcome", outcome)
                .register(registry);
    }

    /**
     * Waits up to {@code timeout} for the metadata of {@code trawl.actions}, which a send does not wait for; false
     * when it has not come (the first actions are then sent again at the first commit).
     */
    public boolean awaitMetadata(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                producer.partitionsFor(topic);
                return true;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void publish(ActionRequest action) {
        send(new ProducerRecord<>(topic, action.script().getBytes(StandardCharsets.UTF_8), ActionJson.encode(action)));
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record, (metadata, e) -> {
                if (e == null) {
                    published.increment();
                } else {
                    failed(record, e);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            failed(record, e);
        }
    }

    private void failed(ProducerRecord<byte[], byte[]> record, Exception e) {
        if (e instanceof RetriableException) {
            toResend.add(record);
        } else {
            dropped.increment();
            log.error("Dropped an action of script {}: Kafka refused it: {}",
                    new String(record.key(), StandardCharsets.UTF_8), e.getMessage());
        }
    }

    /**
     * Waits until everything published so far is acknowledged, sending again what the producer gave up on; while
     * Kafka is unreachable this keeps trying, and the feed that called it does not commit.
     */
    @Override
    public synchronized void awaitAcknowledged() throws InterruptedException {
        producer.flush();
        Duration backoff = FIRST_BACKOFF;
        for (List<ProducerRecord<byte[], byte[]>> again = drain(); !again.isEmpty(); again = drain()) {
            log.warn("{} actions were not acknowledged by Kafka; sending them again in {} ms", again.size(),
                    backoff.toMillis());
            Thread.sleep(backoff.toMillis());
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
            resent.increment(again.size());
            again.forEach(this::send);
            producer.flush();
        }
    }

    private List<ProducerRecord<byte[], byte[]>> drain() {
        var records = new ArrayList<ProducerRecord<byte[], byte[]>>();
        for (ProducerRecord<byte[], byte[]> record = toResend.poll(); record != null; record = toResend.poll()) {
            records.add(record);
        }
        return records;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
