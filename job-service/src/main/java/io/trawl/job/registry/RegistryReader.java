package io.trawl.job.registry;

import io.trawl.kafka.ConsumerLoop;
import io.trawl.model.job.JobJson;
import io.trawl.model.job.JobRegistration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the whole compacted {@code trawl.jobs} topic into a {@link JobRegistry}, then follows it: every partition
 * assigned (no consumer group, no commits), from the beginning on each start. A tombstone removes its key's job;
 * a value that is not a registration also removes it (the key's latest word is unreadable, so the older
 * registration no longer stands) and is counted.
 *
 * <p>{@link #caughtUp()} turns true once every partition has been read up to the end it had when reading
 * began: from then on the registry holds every job registered before this replica started.
 *
 * <p>Limit: the partitions are listed once, at start; partitions added to the topic later are read after a
 * restart.
 */
public final class RegistryReader extends ConsumerLoop<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(RegistryReader.class);

    private final String topic;
    private final JobRegistry registry;
    private final AtomicLong unreadable = new AtomicLong();
    private volatile boolean caughtUp;

    public RegistryReader(Consumer<String, byte[]> consumer, String topic, JobRegistry registry) {
        super(consumer, "Job registry reader");
        this.topic = topic;
        this.registry = registry;
    }

    @Override
    protected void loop() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (running()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (!caughtUp && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                log.info("Read {} jobs from {}", registry.size(), topic);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            unreadable.incrementAndGet();
            log.warn("Skipped a job record without key at {}/{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (record.value() == null) {
            registry.remove(key);
            return;
        }
        try {
            JobRegistration job = JobJson.decodeRegistration(record.value());
            if (!job.key().equals(key)) {
                throw new IllegalArgumentException("record key '" + key + "' is not the job's key '" + job.key() + "'");
            }
            registry.register(key, job);
        } catch (IllegalArgumentException e) {
            registry.remove(key);
            unreadable.incrementAndGet();
            log.warn("Removed job {}: its latest record at {}/{}@{} is unreadable: {}", key, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public long unreadable() {
        return unreadable.get();
    }
}
