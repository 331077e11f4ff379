package io.trawl.job.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSettingsTest {

    private static JobSettings settings(String zone, Duration misfire, Duration hold) {
        return new JobSettings("", zone, Duration.ofMillis(250), misfire, hold, Duration.ofDays(7), "trawl-job-results");
    }

    @Test
    void defaultsMakeAValidPolicy() {
        var policy = settings("UTC", Duration.ofSeconds(5), Duration.ofSeconds(60)).policy();

        assertThat(policy.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(settings("UTC", Duration.ofSeconds(5), Duration.ofSeconds(60)).replicaName()).isNotBlank();
    }

    @Test
    void anUnknownZoneNamesTheProperty() {
        assertThatThrownBy(() -> settings("Mars/Olympus", Duration.ofSeconds(5), Duration.ofSeconds(60)).policy())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trawl.job.zone 'Mars/Olympus'");
    }

    @Test
    void aLockHoldShorterThanTwiceTheMisfireThresholdIsRefused() {
        assertThatThrownBy(() -> settings("UTC", Duration.ofSeconds(5), Duration.ofSeconds(9)).policy())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trawl.job")
                .hasMessageContaining("at least twice the misfire threshold");
    }

    @Test
    void aNonPositiveHistoryRetentionIsRefused() {
        assertThatThrownBy(() -> new JobSettings("", "UTC", Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ZERO, "trawl-job-results"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trawl.job.history-retention");
    }
}
