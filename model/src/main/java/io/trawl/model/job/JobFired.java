package io.trawl.model.job;

import java.util.Objects;

/**
 * One tick of a job, fired by exactly one job-service replica onto {@code trawl.jobs.fired} (key: the job's
 * {@link JobRegistration#key()}), for exactly one runner replica to run.
 *
 * @param script        the script's name
 * @param tag           the job's tag
 * @param scheduledTime when the tick was due, ms since the epoch
 * @param firedTime     when it was fired, ms since the epoch
 * @param run           the run number across the cluster, from 1
 * @param manual        true for "run now" from the API or {@code jobs.run(tag)}, false for a cron tick
 */
public record JobFired(String script, String tag, long scheduledTime, long firedTime, long run, boolean manual) {

    public JobFired {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(tag, "tag");
    }

    public String key() {
        return JobRegistration.key(script, tag);
    }
}
