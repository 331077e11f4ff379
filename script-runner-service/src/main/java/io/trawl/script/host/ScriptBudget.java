package io.trawl.script.host;

import java.time.Duration;
import java.util.Objects;

/**
 * What one guest call (a hook call, or a script's top-level code) may spend.
 *
 * @param statements   JavaScript statements per call, enforced exactly by the engine
 * @param wallTime     elapsed time per hook call, enforced by {@link ScriptWatchdog} with a few tens of ms of lag
 * @param loadWallTime elapsed time for a script's top-level code, which runs once per context and cold (parsed
 *                     and interpreted before anything is compiled), so it gets more than a hook call
 */
public record ScriptBudget(long statements, Duration wallTime, Duration loadWallTime) {

    /** The top-level code gets at least this long, or the hook budget when that is longer. */
    public static final Duration MIN_LOAD_WALL_TIME = Duration.ofSeconds(5);

    public ScriptBudget {
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(loadWallTime, "loadWallTime");
        if (statements < 1) {
            throw new IllegalArgumentException("statements must be at least 1, was " + statements);
        }
        if (wallTime.isNegative() || wallTime.isZero()) {
            throw new IllegalArgumentException("wallTime must be positive, was " + wallTime);
        }
        if (loadWallTime.isNegative() || loadWallTime.isZero()) {
            throw new IllegalArgumentException("loadWallTime must be positive, was " + loadWallTime);
        }
    }

    /** A budget whose top-level code may take {@link #MIN_LOAD_WALL_TIME}, or {@code wallTime} if longer. */
    public ScriptBudget(long statements, Duration wallTime) {
        this(statements, wallTime, Objects.requireNonNull(wallTime, "wallTime").compareTo(MIN_LOAD_WALL_TIME) > 0
                ? wallTime : MIN_LOAD_WALL_TIME);
    }

    /** One million statements and 200 ms per hook call: far above what an aggregating hook needs. */
    public static ScriptBudget defaults() {
        return new ScriptBudget(1_000_000, Duration.ofMillis(200));
    }

    /** The wall time of a guest call: the load budget for top-level code ({@code hook} null), else the hook's. */
    public Duration wallTime(String hook) {
        return hook == null ? loadWallTime : wallTime;
    }
}
