package io.trawl.script.host;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import org.graalvm.polyglot.Context;

/**
 * One thread, shared by all hosts, that stops guest calls running past their wall-time budget.
 *
 * <p>Each context being timed has a {@link Slot}, taken once when the context is built and closed with it. A call
 * stamps its start and budget in the slot and clears them when it returns: a clock read and two uncontended
 * monitor enters, nothing scheduled or cancelled per call. The watchdog thread wakes at least every {@link #TICK},
 * stops every call older than its budget and sleeps until the next tick or the earliest deadline of the calls it
 * saw running, whichever comes first. So a call that has run for a tick is stopped at its deadline (plus the
 * thread's wake-up latency), and any call at most one tick after it (plus the grace another runaway call takes).
 *
 * <p>It first {@linkplain Context#interrupt(Duration) interrupts} the call, which keeps the context and its
 * globals usable. If the guest has not stopped within {@link #INTERRUPT_GRACE} it cancels the context for
 * good ({@code close(true)}), and the host rebuilds it. The check and the interrupt happen under the slot's
 * monitor, which the call's end takes too, so a call that has ended is never interrupted: the interrupt would
 * otherwise land in the next call on the same context.
 */
public final class ScriptWatchdog implements AutoCloseable {

    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);
    static final Duration TICK = Duration.ofMillis(10);
    private static final long MIN_SLEEP_NANOS = 100_000;

    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    public ScriptWatchdog() {
        thread = Thread.ofPlatform().daemon().name("trawl-script-watchdog").start(this::watch);
    }

    private void watch() {
        long tick = TICK.toNanos();
        while (!closed) {
            long now = System.nanoTime();
            long sleep = tick;
            for (Slot slot : slots) {
                sleep = Math.min(sleep, slot.expireIfOver(now));
            }
            try {
                // A call exactly at its deadline is stopped on the next look: no need to spin for it.
                Thread.sleep(Duration.ofNanos(Math.max(sleep, MIN_SLEEP_NANOS)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Starts timing the calls into {@code context}; close the slot when the context is closed. */
    Slot slot(Context context) {
        var slot = new Slot(this, Objects.requireNonNull(context, "context"));
        slots.add(slot);
        return slot;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** The guest call running in one context, if any. */
    static final class Slot implements AutoCloseable {
        private final ScriptWatchdog watchdog;
        private final Context context;
        /** When the running call started, never 0 while one runs; 0 when none does. */
        private long startedAt;
        private long budgetNanos;
        private boolean expired;

        private Slot(ScriptWatchdog watchdog, Context context) {
            this.watchdog = watchdog;
            this.context = context;
        }

        Context context() {
            return context;
        }

        /** A guest call into the context starts, with {@code budget} of wall time. */
        synchronized void start(Duration budget) {
            budgetNanos = budget.toNanos();
            expired = false;
            startedAt = System.nanoTime() | 1;
        }

        /** The call has returned; true when it was stopped for taking too long. */
        synchronized boolean end() {
            startedAt = 0;
            return expired;
        }

        /** Stops the call if it is over its budget; nanoseconds until its deadline, or MAX_VALUE if none is due. */
        private synchronized long expireIfOver(long now) {
            if (startedAt == 0 || expired) {
                return Long.MAX_VALUE;
            }
            long left = budgetNanos - (now - startedAt);
            if (left >= 0) {
                return left;
            }
            expired = true;
            try {
                context.interrupt(INTERRUPT_GRACE);
            } catch (TimeoutException | RuntimeException e) {
                context.close(true);
            }
            return Long.MAX_VALUE;
        }

        /** Stops timing this context. */
        @Override
        public void close() {
            watchdog.slots.remove(this);
        }
    }
}
