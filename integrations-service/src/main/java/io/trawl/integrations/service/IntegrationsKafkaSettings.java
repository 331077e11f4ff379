package io.trawl.integrations.service;

import io.trawl.model.Topics;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How integrations-service uses Kafka ({@code trawl.kafka.*}, the prefix every service shares).
 *
 * @param bootstrapServers     the cluster, {@code host:port[,host:port...]}
 * @param topicPrefix          prefix of every Trawl topic
 * @param groupId              consumer group of {@code trawl.actions}; the retry topic is read by the group with
 *                             {@code -retry} appended
 * @param actionPartitions     partitions of {@code trawl.actions} and the retry topic when this service creates them
 * @param actionRetention      how long {@code trawl.actions} and the retry topic keep requests
 * @param deadLetterRetention  how long {@code trawl.actions.dlq} keeps failed requests
 * @param connectTimeout       how long the start waits for the cluster, and a republished request for its
 *                             acknowledgement
 */
@Validated
@ConfigurationProperties("trawl.kafka")
public record IntegrationsKafkaSettings(
        @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @Pattern(regexp = "[a-zA-Z0-9._-]*") @DefaultValue(Topics.DEFAULT_PREFIX) String topicPrefix,
        @NotBlank @DefaultValue("trawl-integrations") String groupId,
        @Min(1) @DefaultValue("6") int actionPartitions,
        @DefaultValue("7d") Duration actionRetention,
        @DefaultValue("30d") Duration deadLetterRetention,
        @DefaultValue("15s") Duration connectTimeout) {

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
