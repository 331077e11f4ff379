package io.trawl.job.service;

import io.trawl.model.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How job-service uses Kafka ({@code trawl.kafka.*}; the same prefix as every service, so one
 * {@code trawl.kafka.bootstrap-servers} configures them all).
 *
 * @param jobPartitions   partitions of the compacted {@code trawl.jobs} when job-service creates it
 * @param firedPartitions partitions of {@code trawl.jobs.fired} when job-service creates it
 * @param firedRetention  how long {@code trawl.jobs.fired} keeps fire events
 * @param connectTimeout  how long the start waits for the cluster, and a fire event for its acknowledgement
 */
@ConfigurationProperties("trawl.kafka")
public record JobKafkaSettings(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue(Topics.DEFAULT_PREFIX) String topicPrefix,
        @DefaultValue("3") int jobPartitions,
        @DefaultValue("12") int firedPartitions,
        @DefaultValue("1d") Duration firedRetention,
        @DefaultValue("15s") Duration connectTimeout) {

    public JobKafkaSettings {
        if (jobPartitions < 1) {
            throw new IllegalArgumentException("trawl.kafka.job-partitions is " + jobPartitions + "; use 1 or more");
        }
        if (firedPartitions < 1) {
            throw new IllegalArgumentException("trawl.kafka.fired-partitions is " + firedPartitions
                    + "; use 1 or more");
        }
    }

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
