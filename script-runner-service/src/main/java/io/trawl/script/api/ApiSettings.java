package io.trawl.script.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The scripts REST API ({@code trawl.api.*}); tokens and the request size limit are {@link io.trawl.api.ApiAccessSettings}.
 *
 * @param maxSourceBytes  largest script source accepted (UTF-8 bytes), by create, update, validate and test
 * @param maxTestItems    most items one test request may carry
 * @param streamTimeout   how long one console stream stays open; clients reconnect after it (EventSource does)
 * @param streamBuffer    lines buffered per console stream for a slow client before lines are dropped
 * @param streamHeartbeat how often an idle console stream sends a comment, so that dead clients are noticed
 * @param maxConcurrentDryRuns validations and tests (each runs a script on a request thread) at once; more wait
 *                        a few seconds, then get 429
 */
@Validated
@ConfigurationProperties("trawl.api")
public record ApiSettings(
        @NotNull @DefaultValue("1MB") DataSize maxSourceBytes,
        @Min(1) @Max(1_000_000) @DefaultValue("10000") int maxTestItems,
        @NotNull @DefaultValue("30m") Duration streamTimeout,
        @Min(1) @Max(100_000) @DefaultValue("1000") int streamBuffer,
        @NotNull @DefaultValue("15s") Duration streamHeartbeat,
        @Min(1) @Max(1024) @DefaultValue("4") int maxConcurrentDryRuns) {
}
