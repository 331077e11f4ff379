package io.trawl.job.history;

/**
 * A job's counts and latest run, as the database has them. Times in ms since the epoch; null when unknown.
 *
 * @param runCount          runs fired, the number a {@code limit} is compared with
 * @param lastScheduledTime the last fired run's scheduled time
 * @param lastOutcome       the latest run's outcome, {@code passed} or {@code failed}; null before the first result
 * @param lastError         the latest failed run's error, kept when later runs pass
 * @param lastFailedTime    when that failed run started
 */
public record JobState(String jobKey, int scriptVersion, long runCount, Long lastScheduledTime, Long lastFiredTime,
                       String lastOutcome, Long lastStartedTime, Long lastDurationMillis, String lastError,
                       Long lastFailedTime, long passedCount, long failedCount) {
}
