package io.trawl.job.history;

/**
 * One fired run of a job. Times in ms since the epoch; the result's fields are null until the runner reports it.
 *
 * @param firedBy the job-service replica that fired it ({@code script} for a {@code jobs.run(tag)})
 * @param outcome {@code passed}, {@code failed}, or null while no result has arrived
 */
public record JobRun(long run, long scheduledTime, long firedTime, String firedBy, boolean manual, String outcome,
                     String error, Long startedTime, Long durationMillis, String node) {
}
