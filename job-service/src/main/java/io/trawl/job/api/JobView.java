package io.trawl.job.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.trawl.job.history.JobRun;
import io.trawl.job.history.JobState;
import io.trawl.model.job.JobRegistration;

import java.time.Instant;
import java.util.List;

/**
 * One job as the API shows it: its registration, when it fires next, and what the cluster has recorded of its
 * runs. Times are ISO-8601 instants; absent ones are null.
 *
 * @param arguments     the extra arguments given to {@code jobs.schedule}, as JSON
 * @param nextFireTime  the next tick, or null once a limited job has used its runs
 * @param runCount      runs fired (what a limit counts)
 * @param lastRun       the latest run's result, null before the first result arrives
 * @param lastError     the latest failed run's error message, kept after later runs pass
 * @param recentRuns    newest first; only in the view of one job
 */
public record JobView(String script, String tag, String cron, long limit, @JsonRawValue String arguments,
                      int scriptVersion, Instant nextFireTime, long runCount, long passedCount, long failedCount,
                      LastRun lastRun, String lastError, Instant lastFailedTime, List<RunView> recentRuns) {

    /**
     * @param outcome {@code passed} or {@code failed}
     */
    public record LastRun(Instant scheduledTime, Instant startedTime, String outcome, Long durationMillis) {
    }

    /** One run; the result's fields are null until the runner reports it. */
    public record RunView(long run, Instant scheduledTime, Instant firedTime, String firedBy, boolean manual,
                          String outcome, String error, Instant startedTime, Long durationMillis, String node) {

        static RunView of(JobRun run) {
            return new RunView(run.run(), instant(run.scheduledTime()), instant(run.firedTime()), run.firedBy(),
                    run.manual(), run.outcome(), run.error(), instant(run.startedTime()), run.durationMillis(),
                    run.node());
        }
    }

    static JobView of(JobRegistration job, JobState state, Instant nextFireTime, List<RunView> recentRuns) {
        if (state == null) {
            return new JobView(job.script(), job.tag(), job.cron(), job.limit(), job.arguments(), job.scriptVersion(),
                    nextFireTime, 0, 0, 0, null, null, null, recentRuns);
        }
        LastRun last = state.lastOutcome() == null ? null : new LastRun(instant(state.lastScheduledTime()),
                instant(state.lastStartedTime()), state.lastOutcome(), state.lastDurationMillis());
        return new JobView(job.script(), job.tag(), job.cron(), job.limit(), job.arguments(), job.scriptVersion(),
                nextFireTime, state.runCount(), state.passedCount(), state.failedCount(), last, state.lastError(),
                instant(state.lastFailedTime()), recentRuns);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
