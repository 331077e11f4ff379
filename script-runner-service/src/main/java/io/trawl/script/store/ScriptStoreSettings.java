package io.trawl.script.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How the script store keeps scripts in {@code trawl.scripts} ({@code trawl.script-store.*}).
 *
 * @param maxVersions    versions kept per script, the current one included; older ones are dropped
 * @param maxRecordBytes largest record (one script with its kept versions, as JSON) the store writes; older
 *                       versions are dropped to stay below it. The store creates the topic with a matching
 *                       {@code max.message.bytes}; a topic that exists already keeps its own setting
 * @param writeTimeout   how long a write waits for Kafka to take it and for this replica to read it back
 * @param readyTimeout   how long the service waits at start for the store to read the whole topic before it
 *                       serves anyway (readiness stays down until it has)
 */
@Validated
@ConfigurationProperties("trawl.script-store")
public record ScriptStoreSettings(
        @Min(1) @Max(1000) @DefaultValue("50") int maxVersions,
        @NotNull @DefaultValue("8MB") DataSize maxRecordBytes,
        @NotNull @DefaultValue("10s") Duration writeTimeout,
        @NotNull @DefaultValue("60s") Duration readyTimeout) {

    public static ScriptStoreSettings defaults() {
        return new ScriptStoreSettings(50, DataSize.ofMegabytes(8), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    public ScriptStoreSettings {
        if (maxVersions < 1) {
            throw new IllegalArgumentException("trawl.script-store.max-versions must be at least 1, was "
                    + maxVersions);
        }
        if (maxRecordBytes.toBytes() < 64 * 1024 || maxRecordBytes.toBytes() > 512L * 1024 * 1024) {
            throw new IllegalArgumentException("trawl.script-store.max-record-bytes must be between 64KB and 512MB, "
                    + "was " + maxRecordBytes);
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("trawl.script-store.write-timeout must be positive, was "
                    + writeTimeout);
        }
    }
}
