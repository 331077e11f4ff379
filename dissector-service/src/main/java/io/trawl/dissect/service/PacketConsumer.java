package io.trawl.dissect.service;

import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.flow.DissectionStats;
import io.trawl.model.Topics;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import io.trawl.model.packet.PacketRecord;
import io.trawl.model.packet.PacketRecordCodec;
import io.trawl.model.packet.PacketRecordFormatException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One consumer thread: reads {@code trawl.packets}, dissects each assigned partition with its own flow table,
 * publishes items to {@code trawl.items} keyed by flow key.
 *
 * <p>Delivery is at least once. After each poll the producer is flushed, then each partition commits the
 * offset {@link io.trawl.dissect.flow.FlowTable#resumeOffset} gives: never past the first packet of a
 * conversation still open. A replica that takes a partition over re-reads those conversations from their start
 * and emits their items with the same deterministic ids. A revoked partition's flows are dropped without
 * emitting, for the same reason.
 *
 * <p>A record that is not a packet record, or whose dissection throws, goes to {@code trawl.packets.dlq} with
 * the error in headers; the partition goes on.
 */
final class PacketConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PacketConsumer.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final DissectorSettings settings;
    private final DissectorRegistry registry;
    private final DissectorMetrics metrics;
    private final DissectionStats stats;
    private final Map<TopicPartition, PartitionDissection> partitions = new HashMap<>();
    private final AtomicInteger activeFlows = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    PacketConsumer(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, Topics topics,
                   DissectorSettings settings, DissectorRegistry registry, DissectorMetrics metrics,
                   DissectionStats stats) {
        this.consumer = consumer;
        this.producer = producer;
        this.topics = topics;
        this.settings = settings;
        this.registry = registry;
        this.metrics = metrics;
        this.stats = stats;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topics.packets()), new Rebalance());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    dissect(record);
                }
                if (!records.isEmpty()) {
                    commitOrRetryLater();
                }
                activeFlows.set(partitions.values().stream().mapToInt(PartitionDissection::activeFlows).sum());
            }
        } catch (WakeupException e) {
            // stop() woke the poll: a normal end
        } catch (RuntimeException e) {
            failure.set(e);
            log.error("Packet consumer stopped", e);
        } finally {
            try {
                commit();
            } catch (RuntimeException e) {
                log.warn("Final commit failed: {}", e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void dissect(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        PartitionDissection partition = partitions.computeIfAbsent(tp, this::newPartition);
        PacketRecord packet;
        try {
            packet = PacketRecordCodec.decode(record.value());
        } catch (PacketRecordFormatException | NullPointerException e) {
            deadLetter(record, DissectorMetrics.FORMAT, e);
            partition.skipped(record.offset());
            return;
        }
        metrics.packet();
        try {
            partition.packet(packet, record.offset());
        } catch (RuntimeException e) {
            deadLetter(record, DissectorMetrics.DISSECTION, e);
            partition.skipped(record.offset());
        }
    }

    private PartitionDissection newPartition(TopicPartition tp) {
        return new PartitionDissection(settings.flows(), registry, settings.limits(), this::publish, stats);
    }

    private void publish(byte[] flowKey, Item item) {
        producer.send(new ProducerRecord<>(topics.items(), null, item.timestamp(), flowKey, ItemJson.toBytes(item)));
        metrics.item(item);
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, Exception e) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trawl.error.reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("trawl.error.message", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("trawl.error.class", e.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("trawl.source", (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topics.packetsDeadLetter(), null, record.timestamp(), record.key(),
                record.value(), headers));
        metrics.deadLetter(reason);
        log.warn("Dead-lettered {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }

    /** A commit that timed out is retried after the next poll; what it covered is re-read at worst. */
    private void commitOrRetryLater() {
        try {
            commit();
        } catch (RetriableException e) {
            log.warn("Commit failed, retried after the next poll: {}", e.getMessage());
        }
    }

    /** Makes every item sent so far durable, then commits what the flow tables allow. */
    private void commit() {
        producer.flush();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((tp, p) -> {
            long offset = p.commitOffset();
            if (offset >= 0) {
                offsets.put(tp, new OffsetAndMetadata(offset));
            }
        });
        if (!offsets.isEmpty()) {
            // Bounded: a consumer stopped before it found its group coordinator would otherwise retry for the
            // client's default API timeout (a minute) and hold up the service's shutdown.
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    int activeFlows() {
        return activeFlows.get();
    }

    Exception failure() {
        return failure.get();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            commit();
            for (TopicPartition tp : revoked) {
                PartitionDissection p = partitions.remove(tp);
                if (p != null) {
                    p.abandon();
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            // flow tables are made on the first record of a partition
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            for (TopicPartition tp : lost) {
                PartitionDissection p = partitions.remove(tp);
                if (p != null) {
                    p.abandon();
                }
            }
        }
    }
}
