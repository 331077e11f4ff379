package io.trawl.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * The Kafka client metrics of the producers and consumers one part of a service creates, in its meter registry:
 * Micrometer's {@link KafkaClientMetrics} bound to each client, so that request rates, errors and consumer lag
 * ({@code kafka_consumer_fetch_manager_records_lag_max} and friends) reach {@code /actuator/prometheus} tagged by
 * {@code client.id}. Trawl's services use plain clients, not Spring Kafka's factories, so nothing binds them
 * otherwise.
 *
 * <p>Whoever creates the clients owns one of these: it binds each client as it creates it, and closes this after
 * closing the clients, which removes their meters and stops the one thread that picks up metrics a client adds
 * later (per-partition lag appears once partitions are assigned).
 */
public final class KafkaClientMeters implements AutoCloseable {

    /** How often new client metrics (such as a newly assigned partition's lag) are picked up. */
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final List<KafkaClientMetrics> bound = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private boolean closed;

    /** @param registry where the meters go, or null to bind nothing (a client used without a service). */
    public KafkaClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds nothing: for a part that runs without a meter registry. */
    public static KafkaClientMeters none() {
        return new KafkaClientMeters(null);
    }

    /** Binds {@code consumer}'s metrics, and returns it. */
    public <C extends Consumer<?, ?>> C bind(C consumer) {
        if (registry != null) {
            add(new KafkaClientMetrics(consumer, Tags.empty(), scheduler(), REFRESH));
        }
        return consumer;
    }

    /** Binds {@code producer}'s metrics, and returns it. */
    public <P extends Producer<?, ?>> P bind(P producer) {
        if (registry != null) {
            add(new KafkaClientMetrics(producer, Tags.empty(), scheduler(), REFRESH));
        }
        return producer;
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (closed) {
            throw new IllegalStateException("Kafka client meters already closed");
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().name("trawl-kafka-meters").daemon().unstarted(r));
        }
        return scheduler;
    }

    private void add(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        synchronized (this) {
            bound.add(metrics);
        }
    }

    /** Removes every bound client's meters. Call once the clients are closed. */
    @Override
    public synchronized void close() {
        closed = true;
        bound.forEach(KafkaClientMetrics::close);
        bound.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
