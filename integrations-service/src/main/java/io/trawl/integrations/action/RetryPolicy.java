package io.trawl.integrations.action;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How often and how late a failed delivery is tried again: {@code attempts} in all (the first included), the
 * n-th retry waiting {@code initialDelay * multiplier^(n-1)}, never more than {@code maxDelay}. A target's
 * {@code Retry-After} is a minimum: the wait is the longer of it and the backoff (a {@code Retry-After} beyond
 * {@code maxDelay} is cut to {@code maxDelay}, so that one answer cannot park a request for a day).
 */
public record RetryPolicy(int attempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initial-delay (" + initialDelay
                    + ") <= max-delay (" + maxDelay + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
        }
    }

    /** Whether a request that has failed {@code failedAttempts} times gets no further attempt. */
    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= attempts;
    }

    /** How long to wait after the {@code failedAttempts}-th failure (1 for the first). */
    public Duration delayAfter(int failedAttempts, Optional<Duration> retryAfter) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        Duration backoff = millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
        Duration asked = retryAfter.map(d -> d.compareTo(maxDelay) > 0 ? maxDelay : d).orElse(Duration.ZERO);
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }
}
