package io.trawl.job.schedule;

import java.time.Duration;

/** Told what became of every tick a {@link TickScheduler} handled, for metrics. Called on the scheduler thread. */
@FunctionalInterface
public interface TickListener {

    TickListener NONE = (outcome, lateness) -> { };

    /**
     * @param lateness how long after its scheduled time the tick was handled (for {@link Outcome#FIRED}: when it
     *                 was published)
     */
    void ticked(Outcome outcome, Duration lateness);

    /** What became of a tick on this replica. */
    enum Outcome {
        /** This replica fired it. */
        FIRED,
        /** Another replica held its lock, or had recorded it. */
        TAKEN,
        /** Found later than the misfire threshold: skipped. */
        MISSED,
        /** Not fired: the job had reached its limit. */
        LIMIT_REACHED,
        /** The database or the broker failed; not retried. */
        FAILED
    }
}
