package io.trawl.script.helper.action;

/**
 * A token bucket of one script's actions: {@code perMinute} tokens at most, refilled at {@code perMinute} per
 * minute. A burst up to the bound passes at once; a loop is held to the rate. Thread-safe: one script's worker
 * threads share its budget.
 */
final class ActionBudget {

    private static final double NANOS_PER_MINUTE = 60e9;

    private final int perMinute;
    private double tokens;
    private long refilledAt;

    ActionBudget(int perMinute, long now) {
        this.perMinute = perMinute;
        this.tokens = perMinute;
        this.refilledAt = now;
    }

    /** Takes one token at {@code now} (nanoseconds); false when none is left. */
    synchronized boolean take(long now) {
        if (now > refilledAt) {
            tokens = Math.min(perMinute, tokens + (now - refilledAt) * perMinute / NANOS_PER_MINUTE);
            refilledAt = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
