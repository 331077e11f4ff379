package io.trawl.integrations.service;

import io.trawl.integrations.action.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How integrations-service delivers ({@code trawl.integrations.*}); validated at start with messages that name
 * the property. docs/configuration.md lists every property.
 *
 * @param consumers      consumer threads reading {@code trawl.actions} in this replica (one more reads the retry
 *                       topic); a slow target holds up the partitions of its thread
 * @param maxPollRecords requests taken per poll; the consumers' {@code max.poll.interval.ms} is set so that all
 *                       of them may take the longest timeout
 * @param recentIds      ids of delivered requests remembered, so that one read again is not sent twice
 * @param retry          retries of failed deliveries
 * @param throttle       folding of repeated messages
 * @param webhooks       the {@code webhook} kind, and the target check every URL passes
 * @param slack          the {@code slack} and {@code slackBot} kinds
 */
@Validated
@ConfigurationProperties("trawl.integrations")
public record IntegrationsSettings(
        @Min(1) @DefaultValue("1") int consumers,
        @Min(1) @DefaultValue("10") int maxPollRecords,
        @Min(0) @DefaultValue("10000") int recentIds,
        @Valid @DefaultValue Retry retry,
        @Valid @DefaultValue Throttle throttle,
        @Valid @DefaultValue Webhooks webhooks,
        @Valid @DefaultValue Slack slack) {

    /**
     * @param attempts     attempts in all, the first included, before a request is dead-lettered
     * @param initialDelay wait before the first retry
     * @param multiplier   factor by which each further wait grows
     * @param maxDelay     longest wait, also the most of a {@code Retry-After} that is honoured
     */
    public record Retry(
            @Min(1) @DefaultValue("8") int attempts,
            @DefaultValue("1s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5m") Duration maxDelay) {

        public RetryPolicy policy() {
            try {
                return new RetryPolicy(attempts, initialDelay, multiplier, maxDelay);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trawl.integrations.retry: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param enabled whether repeated messages are folded at all
     * @param window  how long a message's repeats are folded into one summary
     * @param maxKeys windows open at once per consumer thread; beyond, messages pass unfolded
     */
    public record Throttle(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration window,
            @Min(1) @DefaultValue("10000") int maxKeys) {

        public Throttle {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("trawl.integrations.throttle.window must be positive, was " + window
                        + " (set trawl.integrations.throttle.enabled=false to turn throttling off)");
            }
        }
    }

    /**
     * @param connectTimeout how long connecting to a target may take
     * @param requestTimeout how long one request may take, answer included
     * @param allowLinkLocal let URLs reach link-local and cloud metadata addresses (refused by default)
     */
    public record Webhooks(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("false") boolean allowLinkLocal) {

        public Webhooks {
            positive("trawl.integrations.webhooks.connect-timeout", connectTimeout);
            positive("trawl.integrations.webhooks.request-timeout", requestTimeout);
        }
    }

    /**
     * @param methodsUrl     where Slack's Web API methods are, ending with a slash
     * @param requestTimeout how long one Slack call (an upload included) may take
     * @param maxFileBytes   largest file a {@code slackBot} message may carry
     */
    public record Slack(
            @NotBlank @DefaultValue("https://slack.com/api/") String methodsUrl,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("64MB") DataSize maxFileBytes) {

        public Slack {
            positive("trawl.integrations.slack.request-timeout", requestTimeout);
            if (maxFileBytes.toBytes() < 1 || maxFileBytes.toBytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("trawl.integrations.slack.max-file-bytes must be between 1B and "
                        + "2GB, was " + maxFileBytes);
            }
        }
    }

    private static void positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be positive, was " + value);
        }
    }
}
