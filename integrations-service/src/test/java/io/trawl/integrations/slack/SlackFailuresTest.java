package io.trawl.integrations.slack;

import io.trawl.integrations.action.RejectedActionException;
import io.trawl.integrations.action.RetryableActionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SlackFailuresTest {

    @Test
    void errorsMeaningLaterAreRetriedTheRestDeadLettered() {
        for (String error : new String[] {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                "request_timeout"}) {
            assertThat(SlackFailures.error("chat.postMessage", error)).isInstanceOf(RetryableActionException.class);
        }
        for (String error : new String[] {"invalid_auth", "channel_not_found", "not_in_channel", "account_inactive",
                "token_revoked", "msg_too_long"}) {
            assertThat(SlackFailures.error("chat.postMessage", error)).isInstanceOf(RejectedActionException.class)
                    .hasMessage("slack: chat.postMessage answered ok:false, error " + error);
        }
    }

    @Test
    void statusesRetryOn429And5xxWithTheirRetryAfter() {
        Exception limited = SlackFailures.status("m", 429, "7", null);
        assertThat(limited).isInstanceOf(RetryableActionException.class);
        assertThat(((RetryableActionException) limited).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(SlackFailures.status("m", 503, null, null)).isInstanceOf(RetryableActionException.class);
        assertThat(SlackFailures.status("m", 408, null, null)).isInstanceOf(RetryableActionException.class);
        // Unlike a webhook's, a Slack 425 is not retried (docs/integrations.md lists 408, 429 and 5xx for Slack).
        assertThat(SlackFailures.status("m", 425, null, null)).isInstanceOf(RejectedActionException.class)
                .hasMessage("m");
        assertThat(SlackFailures.status("m", 404, null, null)).isInstanceOf(RejectedActionException.class);
        assertThat(SlackFailures.status("m", 302, null, null)).isInstanceOf(RejectedActionException.class);
    }
}
