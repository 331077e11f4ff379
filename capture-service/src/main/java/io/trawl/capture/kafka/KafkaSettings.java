package io.trawl.capture.kafka;

import io.trawl.model.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * Where and how capture-service talks to Kafka ({@code trawl.kafka.*}).
 *
 * @param bootstrapServers  the cluster, {@code host:port[,host:port...]}
 * @param topicPrefix       prefix of every Trawl topic
 * @param packetPartitions  partitions of {@code trawl.packets} when capture-service creates it
 * @param packetRetention   how long {@code trawl.packets} keeps packets: the forensic ring buffer
 * @param compression       producer compression; lz4 measured fastest end to end on two cores
 * @param lingerMs          how long the producer waits to fill a batch
 * @param batchBytes        producer batch size per partition
 * @param connectTimeout    how long to wait for the cluster at start before giving up
 */
@Validated
@ConfigurationProperties("trawl.kafka")
public record KafkaSettings(
        @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @Pattern(regexp = "[a-zA-Z0-9._-]*") @DefaultValue(Topics.DEFAULT_PREFIX) String topicPrefix,
        @Min(1) @Max(1000) @DefaultValue("12") int packetPartitions,
        @DefaultValue("1h") Duration packetRetention,
        @Pattern(regexp = "none|gzip|snappy|lz4|zstd") @DefaultValue("lz4") String compression,
        @Min(0) @Max(10_000) @DefaultValue("20") int lingerMs,
        @Min(1024) @DefaultValue("262144") int batchBytes,
        @DefaultValue("15s") Duration connectTimeout) {

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
