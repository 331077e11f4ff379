package io.trawl.script.runner;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread that hands a topic's records to the script workers, at least once.
 *
 * <p>After each poll it hands every record on, waits until the workers have run them and Kafka has acknowledged
 * the actions they published ({@code flush}), then commits. A rebalance commits what has run before partitions
 * move. A record can therefore reach a hook twice (after a crash or a lost partition), never zero times.
 *
 * <p>A feed can be conditional: while {@code wanted} is false it holds no subscription and reads nothing. That
 * is how {@code trawl.packets} is read only while an enabled script defines {@code onPacketCaptured}. When it
 * subscribes again it does not replay what passed meanwhile: a committed offset older than the moment it
 * started wanting records (minus {@link #RESUME_GRACE}) is skipped to the end of the partition.
 */
final class TopicFeed implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TopicFeed.class);
    /** How recent a committed offset must be, relative to (re)subscribing, to be resumed from. */
    static final Duration RESUME_GRACE = Duration.ofSeconds(30);
    private static final String COMMITTED_AT = "committedAt=";
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final RecordSink sink;
    private final Flush flush;
    private final BooleanSupplier wanted;
    private final boolean skipStale;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile long records;
    private boolean subscribed;
    private long wantedSince;

    /** Waits until the workers have run every record handed on so far, and what they caused is on Kafka. */
    @FunctionalInterface
    interface Flush {
        void run() throws InterruptedException;
    }

    /**
     * @param skipStale whether a resubscription skips offsets committed before it started wanting records
     */
    TopicFeed(String name, Consumer<byte[], byte[]> consumer, String topic, RecordSink sink, Flush flush,
              BooleanSupplier wanted, boolean skipStale) {
        this.name = Objects.requireNonNull(name, "name");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.flush = Objects.requireNonNull(flush, "flush");
        this.wanted = Objects.requireNonNull(wanted, "wanted");
        this.skipStale = skipStale;
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (!follow()) {
                    Thread.sleep(200);
                    continue;
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    sink.accept(record.key() == null ? new byte[0] : record.key(), record.value());
                }
                records += batch.count();
                if (!batch.isEmpty()) {
                    commitOrRetryLater();
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll: a normal end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
            log.error("{} feed stopped", name, e);
        } finally {
            try {
                if (subscribed) {
                    commit();
                }
            } catch (RuntimeException | InterruptedException e) {
                log.warn("{} feed: final commit failed: {}", name, e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Subscribes or unsubscribes as {@code wanted} says; true while subscribed. */
    private boolean follow() throws InterruptedException {
        boolean want = wanted.getAsBoolean();
        if (want && !subscribed) {
            wantedSince = System.currentTimeMillis();
            consumer.subscribe(List.of(topic), new Rebalance());
            subscribed = true;
            log.info("{} feed: reading {}", name, topic);
        } else if (!want && subscribed) {
            commit();
            consumer.unsubscribe();
            subscribed = false;
            log.info("{} feed: no script wants {}; stopped reading it", name, topic);
        }
        return subscribed;
    }

    /** A commit that timed out is retried with the next batch: the records have run, delivery stays at least once. */
    private void commitOrRetryLater() throws InterruptedException {
        try {
            commit();
        } catch (RetriableException e) {
            log.warn("{} feed: commit failed, retried with the next batch: {}", name, e.getMessage());
        }
    }

    private void commit() throws InterruptedException {
        flush.run();
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        String metadata = COMMITTED_AT + System.currentTimeMillis();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : assigned) {
            offsets.put(tp, new OffsetAndMetadata(consumer.position(tp), metadata));
        }
        // Bounded: a feed stopped before it found its group coordinator would otherwise retry for the client's
        // default API timeout (a minute) and hold up the service's shutdown.
        consumer.commitSync(offsets, COMMIT_TIMEOUT);
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Records handed to the workers so far. */
    long records() {
        return records;
    }

    boolean subscribed() {
        return subscribed;
    }

    Exception failure() {
        return failure.get();
    }

    static long committedAt(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(COMMITTED_AT)) {
            return -1;
        }
        try {
            return Long.parseLong(committed.metadata().substring(COMMITTED_AT.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            try {
                commit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (!skipStale || assigned.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(assigned));
            long freshAfter = wantedSince - RESUME_GRACE.toMillis();
            List<TopicPartition> stale = assigned.stream()
                    .filter(tp -> committedAt(committed.get(tp)) < freshAfter)
                    .toList();
            if (!stale.isEmpty()) {
                consumer.seekToEnd(stale);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // Nothing to commit: another member owns them now. What ran is the at-least-once side.
        }
    }
}
