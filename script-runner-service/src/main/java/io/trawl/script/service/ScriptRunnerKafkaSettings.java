package io.trawl.script.service;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.trawl.model.Topics;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * How script-runner-service uses Kafka ({@code trawl.kafka.*}, the prefix every service shares).
 *
 * @param bootstrapServers the cluster, {@code host:port[,host:port...]}
 * @param topicPrefix      prefix of every Trawl topic
 * @param groupId          consumer group of the runner replicas for items and packets; the script store reads
 *                         {@code trawl.scripts} outside any group, every replica all of it
 * @param connectTimeout   how long to wait for the cluster at start before giving up
 */
@Validated
@ConfigurationProperties("trawl.kafka")
public record ScriptRunnerKafkaSettings(
        @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @Pattern(regexp = "[a-zA-Z0-9._-]*") @DefaultValue(Topics.DEFAULT_PREFIX) String topicPrefix,
        @NotBlank @DefaultValue("trawl-script-runner") String groupId,
        @DefaultValue("15s") Duration connectTimeout) {

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
