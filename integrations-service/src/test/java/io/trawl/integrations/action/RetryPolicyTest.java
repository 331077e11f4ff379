package io.trawl.integrations.action;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));

    @Test
    void delaysGrowByTheMultiplierUpToTheMaximum() {
        assertThat(policy.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(4, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(400, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterIsAMinimumCutAtTheMaximum() {
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayAfter(3, Optional.of(Duration.ofSeconds(3)))).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void attemptsCountTheFirst() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
        assertThat(new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO).exhausted(1)).isTrue();
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(5)))
                .hasMessage("attempts must be at least 1, was 0");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), 2, Duration.ofSeconds(5)))
                .hasMessage("delays must satisfy 0 <= initial-delay (PT10S) <= max-delay (PT5S)");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5)))
                .hasMessage("multiplier must be at least 1, was 0.5");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-28T08:00:00Z");
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 08:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 07:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }
}
