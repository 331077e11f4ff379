package io.trawl.model.job;

import java.util.Objects;

/**
 * How one fire event of a job ended, published by the runner replica that ran it onto {@code trawl.jobs.results}
 * (key: the job's {@link JobRegistration#key()}), for job-service to record as the job's last run.
 *
 * <p>The runner runs a fired job in each of its worker contexts; the run passed when every context's did, and
 * its error is the first failing context's.
 *
 * @param script        the script's name
 * @param tag           the job's tag
 * @param scheduledTime the fire event's scheduled time, ms since the epoch (with {@code run}, names the run)
 * @param run           the fire event's run number (0 for a run asked for by the script's {@code jobs.run})
 * @param manual        whether the fire event was a "run now"
 * @param passed        whether the job function returned in every context
 * @param error         the first error's message (secrets masked), or null when it passed
 * @param startedTime   when the runner took the fire event and handed the job to its workers, ms since the epoch
 * @param durationMillis how long the job function ran, in the slowest context
 * @param node          the runner replica's node name
 */
public record JobResult(String script, String tag, long scheduledTime, long run, boolean manual, boolean passed,
                        String error, long startedTime, long durationMillis, String node) {

    public JobResult {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(node, "node");
        if (passed != (error == null)) {
            throw new IllegalArgumentException("a job result has an error exactly when it failed");
        }
        if (durationMillis < 0) {
            throw new IllegalArgumentException("a job's duration cannot be negative: " + durationMillis);
        }
    }

    public String key() {
        return JobRegistration.key(script, tag);
    }
}
