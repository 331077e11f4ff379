package io.trawl.service;

import java.time.Duration;

/**
 * What every service's {@code stop()} does with the threads it started: it has told them to end and now waits,
 * for a bounded time, so that a stuck thread cannot hold the shutdown forever.
 */
public final class Threads {

    private Threads() {
    }

    /**
     * Waits up to {@code timeout} for {@code thread} to end; nothing when it is null (never started). An interrupt
     * ends the wait early and stays set on the calling thread, for its caller to see.
     *
     * @return true when the thread has ended (or was null), false when it still runs
     */
    public static boolean join(Thread thread, Duration timeout) {
        if (thread == null) {
            return true;
        }
        try {
            return thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }
}
