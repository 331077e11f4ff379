package io.trawl.integrations.snapshot;

import io.trawl.model.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where snapshots read packets back from ({@code trawl.kafka.*}, the same keys as every service, so one
 * {@code trawl.kafka.bootstrap-servers} configures them all).
 */
@ConfigurationProperties("trawl.kafka")
public record SnapshotKafkaSettings(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue(Topics.DEFAULT_PREFIX) String topicPrefix) {

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
