package io.trawl.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuietWaitTest {

    @Test
    void turnedOffItNeitherWaitsNorReports() throws Exception {
        List<String> log = new ArrayList<>();
        QuietWait quiet = new QuietWait(-1, 60, log::add);
        long t0 = System.nanoTime();
        quiet.await();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(0.4);
        assertThat(quiet.waits()).isZero();
        assertThat(quiet.timeouts()).isZero();
        assertThat(quiet.reportParagraph()).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void aMachineUnderTheLimitStartsTheRunAfterOneSampleAndTheReportSaysSo() throws Exception {
        // No machine has other processes using 10,000 cores: quiet after the first half-second sample.
        List<String> log = new ArrayList<>();
        QuietWait quiet = new QuietWait(10_000, 5, log::add);
        quiet.await();
        assertThat(quiet.waits()).isZero();
        assertThat(quiet.timeouts()).isZero();
        assertThat(log).isEmpty();
        assertThat(quiet.reportParagraph()).isEqualTo("Before each timed run the harness waited until other processes "
                + "used under 10000.00 cores (at most 5 s): it had to wait before 0 runs, and 0 runs started without "
                + "the machine getting quiet." + System.lineSeparator() + System.lineSeparator());
    }
}
