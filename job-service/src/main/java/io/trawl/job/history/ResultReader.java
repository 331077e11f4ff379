package io.trawl.job.history;

import io.trawl.kafka.ConsumerLoop;
import io.trawl.model.job.JobJson;
import io.trawl.model.job.JobResult;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the results runners publish on {@code trawl.jobs.results} into {@link JobHistory}. The replicas share
 * one consumer group, so each result is recorded by one of them; offsets are committed once the database has the
 * results (at least once; {@link JobHistory#record} ignores a repeat). When the database fails, the reader goes
 * back to the first result not recorded and tries again a second later, so no result is skipped.
 */
public final class ResultReader extends ConsumerLoop<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ResultReader.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    /** Told about every result recorded for the first time. */
    @FunctionalInterface
    public interface Listener {
        void recorded(JobResult result);
    }

    private final String topic;
    private final JobHistory history;
    private final Listener listener;
    private final AtomicLong unreadable = new AtomicLong();

    public ResultReader(Consumer<String, byte[]> consumer, String topic, JobHistory history, Listener listener) {
        super(consumer, "Job result reader");
        this.topic = topic;
        this.history = history;
        this.listener = listener;
    }

    @Override
    protected void loop() throws InterruptedException {
        consumer.subscribe(List.of(topic));
        while (running()) {
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            Set<TopicPartition> blocked = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (blocked.contains(partition)) {
                    continue; // this partition stopped at a result the database refused
                }
                if (recorded(record)) {
                    next.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } else {
                    blocked.add(partition);
                    consumer.seek(partition, record.offset());
                }
            }
            if (!next.isEmpty()) {
                commit(next);
            }
            if (!blocked.isEmpty()) {
                Thread.sleep(RETRY);
            }
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved: their new owner reads these results again, and recording them is idempotent
            log.debug("Results recorded but not committed ({}); they will be read again", e.getMessage());
        }
    }

    /** @return false when the database failed and the record must be read again */
    private boolean recorded(ConsumerRecord<String, byte[]> record) {
        JobResult result;
        try {
            result = JobJson.decodeResult(record.value());
        } catch (IllegalArgumentException e) {
            unreadable.incrementAndGet();
            log.warn("Skipped a record at {}/{}@{} that is not a job result: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return true;
        }
        try {
            if (history.record(result)) {
                listener.recorded(result);
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("Cannot record the result of {} run {}; trying again: {}", result.key(), result.run(),
                    e.getMessage());
            return false;
        }
    }

    public long unreadable() {
        return unreadable.get();
    }
}
