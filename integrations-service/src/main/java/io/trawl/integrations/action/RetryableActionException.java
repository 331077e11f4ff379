package io.trawl.integrations.action;

import java.time.Duration;
import java.util.Optional;

/** An attempt failed in a way a later attempt may not: a timeout, a 5xx, a 429. */
public class RetryableActionException extends Exception {

    private final Duration retryAfter;

    public RetryableActionException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** @param retryAfter what the target asked to wait (a {@code Retry-After}), or null to use the backoff */
    public RetryableActionException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
