package io.trawl.job.service;

import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Reads the fire events of one job from {@code trawl.jobs.fired}, for tests that count them. */
final class FiredEvents {

    private FiredEvents() {
    }

    /** Every fire event of {@code jobKey} on {@code topic}, read up to the end the topic has now. */
    static List<JobFired> of(String bootstrapServers, String topic, String jobKey) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<JobFired> fired = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (jobKey.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        fired.add(JobJson.decodeFired(r.value()));
                    }
                });
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
            return fired;
        }
    }
}
