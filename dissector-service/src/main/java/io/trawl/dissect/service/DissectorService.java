package io.trawl.dissect.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.flow.DissectionStats;
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
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Runs the configured number of {@link PacketConsumer} threads over one shared idempotent producer, after
 * declaring {@code trawl.items} and {@code trawl.packets.dlq}. An unreachable cluster fails the start.
 */
@Component
public class DissectorService implements SmartLifecycle {

    private final DissectorSettings settings;
    private final DissectorKafkaSettings kafka;
    private final DissectorRegistry registry;
    private final DissectorMetrics metrics;
    private final DissectionStats stats = new DissectionStats();
    private final List<PacketConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private Producer<byte[], byte[]> producer;
    private KafkaClientMeters clientMeters;

    public DissectorService(DissectorSettings settings, DissectorKafkaSettings kafka, DissectorRegistry registry,
                            DissectorMetrics metrics) {
        this.settings = settings;
        this.kafka = kafka;
        this.registry = registry;
        this.metrics = metrics;
        registerFlowMeters();
    }

    @Override
    public void start() {
        settings.flows();
        settings.limits();
        Topics topics = kafka.topics();
        try {
            TopicAdmin.ensure(kafka.bootstrapServers(), kafka.connectTimeout(), List.of(
                    new NewTopic(topics.items(), kafka.itemPartitions(), (short) -1).configs(Map.of(
                            TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.itemRetention().toMillis()))),
                    new NewTopic(topics.packetsDeadLetter(), 1, (short) -1).configs(Map.of(
                            TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.deadLetterRetention().toMillis())))));
        } catch (TopicAdmin.KafkaUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        clientMeters = new KafkaClientMeters(metrics.registry());
        producer = clientMeters.bind(new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer()));
        for (int i = 0; i < settings.consumers(); i++) {
            PacketConsumer consumer = new PacketConsumer(
                    clientMeters.bind(new KafkaConsumer<>(consumerConfig(i), new ByteArrayDeserializer(),
                            new ByteArrayDeserializer())),
                    producer, topics, settings, registry, metrics, stats);
            consumers.add(consumer);
            threads.add(Thread.ofPlatform().name("dissector-" + i).start(consumer));
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "trawl-dissector-items");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.connectTimeout().toMillis());
        return config;
    }

    private Map<String, Object> consumerConfig(int index) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "trawl-dissector-" + index);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return config;
    }

    private void registerFlowMeters() {
        var registry = metrics.registry();
        Gauge.builder("trawl.dissector.flows.active", this, DissectorService::activeFlows)
                .description("Conversations in the flow tables").register(registry);
        counter("trawl.dissector.flows.evicted", "Flows evicted because a table was full", DissectionStats::flowsEvicted);
        counter("trawl.dissector.flows.expired", "Flows closed after their idle timeout", DissectionStats::flowsExpired);
        counter("trawl.dissector.flows.undissected", "Conversations in no protocol Trawl dissects",
                DissectionStats::flowsUndissected);
        counter("trawl.dissector.reassembly.gaps", "Holes in TCP streams", DissectionStats::reassemblyGaps);
    }

    private void counter(String name, String description, ToDoubleFunction<DissectionStats> f) {
        FunctionCounter.builder(name, stats, f).description(description).register(metrics.registry());
    }

    public int activeFlows() {
        return consumers.stream().mapToInt(PacketConsumer::activeFlows).sum();
    }

    /** The first consumer failure, or null while all run. */
    public Exception failure() {
        return consumers.stream().map(PacketConsumer::failure).filter(f -> f != null).findFirst().orElse(null);
    }

    public DissectionStats stats() {
        return stats;
    }

    @Override
    public void stop() {
        consumers.forEach(PacketConsumer::stop);
        for (Thread t : threads) {
            Threads.join(t, Duration.ofSeconds(10));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            clientMeters.close();
        }
        threads.clear();
        consumers.clear();
    }

    @Override
    public boolean isRunning() {
        return !threads.isEmpty();
    }
}
