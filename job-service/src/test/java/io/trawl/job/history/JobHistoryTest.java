package io.trawl.job.history;

import io.trawl.job.schedule.RunLedger;
import io.trawl.model.job.JobRegistration;
import io.trawl.model.job.JobResult;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Recording results on the schema both databases share (H2 here; PostgreSQL in ClusterJobsTest). */
class JobHistoryTest {

    private static final JobRegistration JOB = new JobRegistration("report.js", "hourly", "0 0 * * * *", 0, "[]", 1);

    private JobHistory history;
    private RunLedger ledger;

    @BeforeEach
    void migrate() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        history = new JobHistory(dataSource);
        ledger = new RunLedger(dataSource);
    }

    private void fire(long scheduled) {
        ledger.fire(JOB, scheduled, scheduled + 3, "job-a", false, fired -> { });
    }

    private static JobResult passed(long scheduled, long run) {
        return new JobResult(JOB.script(), JOB.tag(), scheduled, run, false, true, null, scheduled + 10, 7, "node-a");
    }

    private static JobResult failed(long scheduled, long run, String error) {
        return new JobResult(JOB.script(), JOB.tag(), scheduled, run, false, false, error, scheduled + 10, 2,
                "node-b");
    }

    @Test
    void aResultCompletesItsRunAndTheJobsStateOnceEvenWhenDeliveredTwice() {
        fire(1_000);

        assertThat(history.record(passed(1_000, 1))).isTrue();
        assertThat(history.record(passed(1_000, 1))).as("a redelivered result").isFalse();

        JobState state = history.state(JOB.key()).orElseThrow();
        assertThat(state.runCount()).isEqualTo(1);
        assertThat(state.passedCount()).isEqualTo(1);
        assertThat(state.failedCount()).isZero();
        assertThat(state.lastOutcome()).isEqualTo("passed");
        assertThat(state.lastStartedTime()).isEqualTo(1_010);
        assertThat(state.lastDurationMillis()).isEqualTo(7);
        assertThat(history.runs(JOB.key(), 10)).containsExactly(new JobRun(1, 1_000, 1_003, "job-a", false, "passed",
                null, 1_010L, 7L, "node-a"));
    }

    @Test
    void theLatestFailureStaysAfterLaterRunsPassAndLateResultsDoNotReplaceNewerOnes() {
        fire(1_000);
        fire(2_000);
        fire(3_000);

        history.record(failed(2_000, 2, "Error: boom"));
        history.record(passed(3_000, 3));
        history.record(failed(1_000, 1, "Error: older")); // arrives last

        JobState state = history.state(JOB.key()).orElseThrow();
        assertThat(state.lastOutcome()).as("the latest run's").isEqualTo("passed");
        assertThat(state.lastError()).isEqualTo("Error: boom");
        assertThat(state.lastFailedTime()).isEqualTo(2_010);
        assertThat(state.passedCount()).isEqualTo(1);
        assertThat(state.failedCount()).isEqualTo(2);
        assertThat(history.runs(JOB.key(), 2)).extracting(JobRun::run).containsExactly(3L, 2L);
        assertThat(history.runs(JOB.key(), 0)).isEmpty();
    }

    @Test
    void aRunTheScriptAskedForItselfGetsARowAndAState() {
        JobResult manual = new JobResult(JOB.script(), JOB.tag(), 5_000, 0, true, false, "x".repeat(3_000), 5_001, 1,
                "node-a");

        assertThat(history.record(manual)).isTrue();

        JobRun run = history.runs(JOB.key(), 1).getFirst();
        assertThat(run.firedBy()).isEqualTo("script");
        assertThat(run.manual()).isTrue();
        assertThat(run.error()).as("cut to the column").hasSize(JobHistory.MAX_ERROR).endsWith("…");
        assertThat(history.states()).containsKey(JOB.key());
        assertThat(history.state(JOB.key()).orElseThrow().runCount()).as("not fired by job-service").isZero();
    }
}
