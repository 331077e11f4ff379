package io.trawl.integrations.action;

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

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One consumer thread of {@code trawl.actions} or of the retry topic, in a consumer group: every record goes
 * through the {@link ActionPipeline}, and its offset is committed only once the pipeline is done with it
 * (delivered, republished for a retry, or dead-lettered). At least once: a crash between a delivery and its
 * commit delivers the request again, unless the same replica still remembers its id.
 *
 * <p>On the retry topic ({@code delayed}), a record whose {@link DeliveryHeaders#NOT_BEFORE} time has not come
 * stops its partition: the consumer seeks back to it and pauses the partition until then, so that waiting never
 * blocks {@code trawl.actions} nor the retry topic's other partitions. Records behind it in the same partition
 * wait with it, so a retry can come later than its own delay, never earlier.
 *
 * <p>When a failed request cannot be republished (the broker is away), its partition is paused and read again
 * from that record a second later; nothing after it is committed meanwhile.
 */
public final class ActionConsumer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ActionConsumer.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(5);
    private static final long MAX_POLL_WAIT_MILLIS = 200;
    static final long UNAVAILABLE_PAUSE_MILLIS = 1000;

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final boolean delayed;
    private final ActionPipeline pipeline;
    private final InstantSource clock;
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong records = new AtomicLong();
    private volatile boolean running = true;

    /** @param delayed whether records carry a due time to wait for (the retry topic) */
    public ActionConsumer(String name, Consumer<byte[], byte[]> consumer, String topic, boolean delayed,
                          ActionPipeline pipeline, InstantSource clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.delayed = delayed;
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                resumeDue();
                summarise();
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(pollWait()));
                for (TopicPartition tp : batch.partitions()) {
                    consume(tp, batch.records(tp));
                }
                commitOrRetryLater();
            }
        } catch (WakeupException e) {
            // stop() woke the poll: a normal end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
            log.error("{} consumer stopped", name, e);
        } finally {
            try {
                commit();
            } catch (RuntimeException e) {
                log.warn("{} consumer: final commit failed: {}", name, e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void consume(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> partition)
            throws InterruptedException {
        for (ConsumerRecord<byte[], byte[]> record : partition) {
            if (delayed) {
                long due = DeliveryHeaders.notBefore(record);
                if (due > clock.millis()) {
                    holdBack(tp, record.offset(), due);
                    return;
                }
            }
            try {
                pipeline.process(record);
            } catch (FailedActions.UnavailableException e) {
                log.warn("{} consumer: {}; reading {} again from offset {} in {} ms", name, e.getMessage(), tp,
                        record.offset(), UNAVAILABLE_PAUSE_MILLIS);
                holdBack(tp, record.offset(), clock.millis() + UNAVAILABLE_PAUSE_MILLIS);
                return;
            }
            records.incrementAndGet();
            done.put(tp, new OffsetAndMetadata(record.offset() + 1));
        }
    }

    /** A summary whose failure cannot be republished is lost: only a count of folded messages, never a message. */
    private void summarise() throws InterruptedException {
        try {
            pipeline.summarise();
        } catch (FailedActions.UnavailableException e) {
            log.warn("{} consumer: a throttle summary is lost: {}", name, e.getMessage());
        }
    }

    /** Reads {@code tp} again from {@code offset}, not before {@code untilMillis}. */
    private void holdBack(TopicPartition tp, long offset, long untilMillis) {
        consumer.seek(tp, offset);
        consumer.pause(Set.of(tp));
        pausedUntil.put(tp, untilMillis);
    }

    private void resumeDue() {
        long now = clock.millis();
        for (Iterator<Map.Entry<TopicPartition, Long>> it = pausedUntil.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Long> paused = it.next();
            if (paused.getValue() <= now) {
                if (consumer.assignment().contains(paused.getKey())) {
                    consumer.resume(Set.of(paused.getKey()));
                }
                it.remove();
            }
        }
    }

    private long pollWait() {
        long now = clock.millis();
        long wait = Math.min(MAX_POLL_WAIT_MILLIS, pipeline.millisUntilSummary());
        for (long until : pausedUntil.values()) {
            wait = Math.min(wait, Math.max(0, until - now));
        }
        return Math.max(0, wait);
    }

    /** A commit that failed is retried after the next poll: what it covered was done, and is at worst read again. */
    private void commitOrRetryLater() {
        try {
            commit();
        } catch (RetriableException e) {
            log.warn("{} consumer: commit failed, retried after the next poll: {}", name, e.getMessage());
        }
    }

    private void commit() {
        if (done.isEmpty()) {
            return;
        }
        // Bounded: a consumer stopped before it found its group coordinator would otherwise retry for the
        // client's default API timeout (a minute) and hold up the service's shutdown.
        consumer.commitSync(Map.copyOf(done), COMMIT_TIMEOUT);
        done.clear();
    }

    /** Records this consumer has finished with (delivered, retried, dead-lettered, throttled or skipped). */
    public long records() {
        return records.get();
    }

    /** The error that stopped this consumer, or null while it runs. */
    public Exception failure() {
        return failure.get();
    }

    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            try {
                commit();
            } catch (RuntimeException e) {
                log.warn("{} consumer: commit before a rebalance failed; those records will be read again: {}",
                        name, e.getMessage());
                done.clear();
            }
            revoked.forEach(pausedUntil::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            // Positions come from the committed offsets; nothing is held back on a new assignment.
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // Another member owns them now: their offsets are no longer this consumer's to commit.
            lost.forEach(tp -> {
                done.remove(tp);
                pausedUntil.remove(tp);
            });
        }
    }
}
