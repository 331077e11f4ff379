package io.trawl.script.host;

import java.time.Duration;
import java.util.Objects;

/**
 * What one guest call (a hook call, or a script's top-level code) may spend.
 *
 * @param statements JavaScript statements per call, enforced exactly by the engine
 * @param wallTime   elapsed time per call, enforced by {@link ScriptWatchdog} with a few tens of ms of lag
 */
public record ScriptBudget(long statements, Duration wallTime) {

    public ScriptBudget {
        Objects.requireNonNull(wallTime, "wallTime");
        if (statements < 1) {
            throw new IllegalArgumentException("statements must be at least 1, was " + statements);
        }
        if (wallTime.isNegative() || wallTime.isZero()) {
            throw new IllegalArgumentException("wallTime must be positive, was " + wallTime);
        }
    }

    /** One million statements and 200 ms: far above what an aggregating hook needs. */
    public static ScriptBudget defaults() {
        return new ScriptBudget(1_000_000, Duration.ofMillis(200));
    }
}
