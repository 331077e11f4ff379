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
 * @param warmUp       for this long after a context is built its hook calls get {@code loadWallTime} too: they
 *                     run cold, interpreted while the compiler works, and a budget meant for compiled code would
 *                     stop correct scripts on a busy machine; zero for none
 */
public record ScriptBudget(long statements, Duration wallTime, Duration loadWallTime, Duration warmUp) {

    /** The top-level code gets at least this long, or the hook budget when that is longer. */
    public static final Duration MIN_LOAD_WALL_TIME = Duration.ofSeconds(5);

    public ScriptBudget {
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(loadWallTime, "loadWallTime");
        Objects.requireNonNull(warmUp, "warmUp");
        if (statements < 1) {
            throw new IllegalArgumentException("statements must be at least 1, was " + statements);
        }
        if (wallTime.isNegative() || wallTime.isZero()) {
            throw new IllegalArgumentException("wallTime must be positive, was " + wallTime);
        }
        if (loadWallTime.isNegative() || loadWallTime.isZero()) {
            throw new IllegalArgumentException("loadWallTime must be positive, was " + loadWallTime);
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("warmUp must not be negative, was " + warmUp);
        }
    }

    /**
     * A budget whose top-level code may take {@link #MIN_LOAD_WALL_TIME}, or {@code wallTime} if longer, and whose
     * hook calls get {@code wallTime} from the first (no warm-up).
     */
    public ScriptBudget(long statements, Duration wallTime) {
        this(statements, wallTime, Objects.requireNonNull(wallTime, "wallTime").compareTo(MIN_LOAD_WALL_TIME) > 0
                ? wallTime : MIN_LOAD_WALL_TIME, Duration.ZERO);
    }

    /**
     * The service's defaults: one million statements and 200 ms per hook call (far above what an aggregating hook
     * needs), 5 s for top-level code and for the hook calls of a context's first 10 s.
     */
    public static ScriptBudget defaults() {
        return new ScriptBudget(1_000_000, Duration.ofMillis(200), MIN_LOAD_WALL_TIME, Duration.ofSeconds(10));
    }

    /** The wall time of a guest call: the load budget for top-level code ({@code hook} null), else the hook's. */
    public Duration wallTime(String hook) {
        return hook == null ? loadWallTime : wallTime;
    }
}
