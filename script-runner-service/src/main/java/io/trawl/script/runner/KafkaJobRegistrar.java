package io.trawl.script.runner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.trawl.model.Topics;
import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobJson;
import io.trawl.model.job.JobRegistration;
import io.trawl.model.job.JobResult;
import io.trawl.script.helper.job.JobRegistrar;

/**
 * The {@code jobs} helper's effects on Kafka: registrations onto the compacted {@code trawl.jobs} (a tombstone
 * removes one), "run now" as a manual fire event onto {@code trawl.jobs.fired}, and how each fired job ended
 * onto {@code trawl.jobs.results}. Every worker context of a
 * script schedules the same jobs; the records have the same key and value, so the topic keeps one.
 *
 * <p>It remembers which jobs each script registered, so that {@link #forget} can remove them all when the script
 * is updated, disabled or deleted: the new version's top-level code registers what it still schedules.
 */
public final class KafkaJobRegistrar implements JobRegistrar {

    private static final Logger log = LoggerFactory.getLogger(KafkaJobRegistrar.class);

    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final Map<String, Set<String>> tagsByScript = new ConcurrentHashMap<>();

    public KafkaJobRegistrar(Producer<byte[], byte[]> producer, Topics topics) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    @Override
    public void register(JobRegistration job) {
        tagsByScript.computeIfAbsent(job.script(), script -> ConcurrentHashMap.newKeySet()).add(job.tag());
        send(topics.jobs(), job.key(), JobJson.encode(job));
    }

    @Override
    public void remove(String script, String tag) {
        Set<String> tags = tagsByScript.get(script);
        if (tags != null) {
            tags.remove(tag);
        }
        send(topics.jobs(), JobRegistration.key(script, tag), null);
    }

    @Override
    public void runNow(String script, String tag) {
        long now = System.currentTimeMillis();
        send(topics.jobsFired(), JobRegistration.key(script, tag),
                JobJson.encode(new JobFired(script, tag, now, now, 0, true)));
    }

    /** Publishes how a fired job ended, for job-service's history. */
    public void reported(JobResult result) {
        send(topics.jobsResults(), result.key(), JobJson.encode(result));
    }

    /** Removes every job {@code script} registered through this replica. */
    public void forget(String script) {
        Set<String> tags = tagsByScript.remove(script);
        if (tags != null) {
            tags.forEach(tag -> send(topics.jobs(), JobRegistration.key(script, tag), null));
        }
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), (metadata, e) -> {
            if (e != null) {
                log.warn("Could not publish job record {} to {}: {}", key, topic, e.getMessage());
            }
        });
    }

    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
