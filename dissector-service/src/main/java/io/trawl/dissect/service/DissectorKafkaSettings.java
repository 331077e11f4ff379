package io.trawl.dissect.service;

import io.trawl.model.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How dissector-service uses Kafka ({@code trawl.kafka.*}; the same prefix as every service, so one
 * {@code trawl.kafka.bootstrap-servers} configures them all).
 *
 * @param groupId         consumer group of the dissector replicas
 * @param itemPartitions  partitions of {@code trawl.items} when dissector-service creates it
 * @param itemRetention   how long {@code trawl.items} keeps items
 * @param deadLetterRetention how long {@code trawl.packets.dlq} keeps poison records
 */
@ConfigurationProperties("trawl.kafka")
public record DissectorKafkaSettings(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue(Topics.DEFAULT_PREFIX) String topicPrefix,
        @DefaultValue("trawl-dissector") String groupId,
        @DefaultValue("12") int itemPartitions,
        @DefaultValue("24h") Duration itemRetention,
        @DefaultValue("30d") Duration deadLetterRetention,
        @DefaultValue("15s") Duration connectTimeout) {

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
