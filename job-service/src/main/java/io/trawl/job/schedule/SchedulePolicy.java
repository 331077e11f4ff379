package io.trawl.job.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How ticks are found and fired.
 *
 * @param poll             how often the scheduler looks for new or changed registrations when no tick is due
 *                         sooner
 * @param misfireThreshold a tick is fired at most this late; a tick found later than this (no replica was up,
 *                         or this one stalled) is skipped, not fired late
 * @param lockHold         how long a tick's lock is held, however quickly the fire completes: long enough that no
 *                         replica can still be trying to fire that tick when it lapses, so at least twice the
 *                         misfire threshold
 * @param zone             the time zone cron fields are read in; the same on every replica, so that all of them
 *                         agree on the ticks
 */
public record SchedulePolicy(Duration poll, Duration misfireThreshold, Duration lockHold, ZoneId zone) {

    public SchedulePolicy {
        Objects.requireNonNull(zone, "zone");
        if (poll == null || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("poll must be positive, was " + poll);
        }
        if (misfireThreshold == null || misfireThreshold.isNegative() || misfireThreshold.isZero()) {
            throw new IllegalArgumentException("misfire threshold must be positive, was " + misfireThreshold);
        }
        if (lockHold == null || lockHold.compareTo(misfireThreshold.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("lock hold (" + lockHold + ") must be at least twice the misfire"
                    + " threshold (" + misfireThreshold + "), or a replica could fire a tick whose lock has lapsed");
        }
    }
}
