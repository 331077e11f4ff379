package io.trawl.script.runner;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.trawl.script.host.ScriptError;

/**
 * Decides when a script fails often enough to be disabled: {@code limit} failed calls within {@code window} on
 * this replica. Then it asks the {@link ScriptDisabler} once, with the last error as the reason, and forgets the
 * script's history; the script comes back only when someone enables it again.
 *
 * <p>Only failures of calls count ({@code THROWN}, {@code TIMEOUT}, {@code STATEMENT_LIMIT}); a script whose
 * source does not load ({@code SYNTAX}, or a failing top-level) is disabled at once, since every item would fail.
 * Errors of script {@code "-"} (an item that is not JSON) belong to no script. Thread-safe.
 */
final class FailureTracker {

    private final int limit;
    private final long windowNanos;
    private final ScriptDisabler disabler;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    FailureTracker(int limit, Duration window, ScriptDisabler disabler, LongSupplier nanoClock) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.disabler = Objects.requireNonNull(disabler, "disabler");
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    void record(ScriptError error) {
        if (limit == 0 || "-".equals(error.script()) || error.kind() == ScriptError.Kind.INTERNAL) {
            return;
        }
        if (error.hook() == null) {
            disable(error.script(), "its code does not load: " + error);
            return;
        }
        long now = clock.getAsLong();
        Deque<Long> times = failures.computeIfAbsent(error.script(), name -> new ArrayDeque<>());
        boolean exceeded;
        synchronized (times) {
            times.addLast(now);
            while (!times.isEmpty() && now - times.peekFirst() > windowNanos) {
                times.removeFirst();
            }
            exceeded = times.size() >= limit;
            if (exceeded) {
                times.clear();
            }
        }
        if (exceeded) {
            disable(error.script(), "failed " + limit + " hook calls within " + Duration.ofNanos(windowNanos)
                    .toString().substring(2).toLowerCase() + "; last: " + error);
        }
    }

    void forget(String script) {
        failures.remove(script);
    }

    private void disable(String script, String reason) {
        failures.remove(script);
        disabler.disable(script, reason);
    }
}
