package io.trawl.integrations.slack;

import com.slack.api.methods.SlackApiException;
import io.trawl.integrations.action.RejectedActionException;
import io.trawl.integrations.action.RetryAfter;
import io.trawl.integrations.action.RetryableActionException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Sorts Slack's answers into retried and dead-lettered: HTTP 429 (with its {@code Retry-After}) and 5xx, I/O
 * errors and the {@code ok:false} errors that mean "later" are retried; every other {@code ok:false} error
 * ({@code invalid_auth}, {@code channel_not_found}, {@code not_in_channel}, ...) and other HTTP statuses are not.
 */
final class SlackFailures {

    /** Web API errors after which the same call may succeed. */
    static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");

    private SlackFailures() {
    }

    /** An {@code ok:false} answer of Web API {@code method}. */
    static Exception error(String method, String error) {
        String message = "slack: " + method + " answered ok:false, error " + error;
        return TRANSIENT.contains(error) ? new RetryableActionException(message, null)
                : new RejectedActionException(message);
    }

    /** A non-200 HTTP answer of a Web API method. */
    static Exception status(String method, SlackApiException e) {
        int code = e.getResponse().code();
        String error = e.getError() == null ? null : e.getError().getError();
        String message = "slack: " + method + " answered HTTP " + code + (error == null ? "" : ", error " + error);
        return status(message, code, e.getResponse().header("Retry-After"), e);
    }

    /** An HTTP answer with {@code code}, other than success. */
    static Exception status(String message, int code, String retryAfter, Exception cause) {
        if (code == 429 || code >= 500 || code == 408) {
            Duration wait = RetryAfter.parse(retryAfter, Instant.now()).orElse(null);
            return new RetryableActionException(message, wait, cause);
        }
        return new RejectedActionException(message);
    }

    static RetryableActionException io(String what, IOException e) {
        return new RetryableActionException("slack: " + what + " failed: " + e, e);
    }
}
