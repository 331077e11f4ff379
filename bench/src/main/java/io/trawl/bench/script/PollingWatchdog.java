package io.trawl.bench.script;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import org.graalvm.polyglot.Context;

/**
 * A wall-time limit per guest call that costs the calling thread a clock read and two uncontended monitor
 * enters, instead of scheduling and cancelling a timer task per call as {@code io.trawl.script.host.ScriptWatchdog}
 * does.
 * The measured alternative for ScriptHost's budget (row S8 of {@link ScriptBench}).
 *
 * <p>Each context has a {@link Slot}; a call stamps its start in it and clears it when it returns. One daemon
 * thread wakes every {@code tick} and interrupts the context of any call older than the budget; so a call is
 * stopped between {@code budget} and {@code budget + tick} after it started. The slot's monitor makes "check,
 * then interrupt" atomic against the call's end, so an interrupt never lands in the next call.
 */
final class PollingWatchdog implements AutoCloseable {

    /** The running call of one context; 0 when none runs. */
    static final class Slot {
        private final Context context;
        private long startedAt;

        Slot(Context context) {
            this.context = context;
        }

        void start() {
            synchronized (this) {
                startedAt = System.nanoTime() | 1; // never 0 while running
            }
        }

        void end() {
            synchronized (this) {
                startedAt = 0;
            }
        }
    }

    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final long budgetNanos;
    private final Thread thread;
    private volatile boolean closed;

    PollingWatchdog(Duration budget, Duration tick) {
        this.budgetNanos = budget.toNanos();
        this.thread = Thread.ofPlatform().daemon().name("trawl-bench-polling-watchdog").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(tick);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Slot slot : slots) {
                    synchronized (slot) {
                        if (slot.startedAt != 0 && now - slot.startedAt > budgetNanos) {
                            stop(slot.context);
                        }
                    }
                }
            }
        });
    }

    Slot register(Context context) {
        Slot slot = new Slot(context);
        slots.add(slot);
        return slot;
    }

    private static void stop(Context context) {
        try {
            context.interrupt(Duration.ofSeconds(1));
        } catch (TimeoutException | RuntimeException e) {
            context.close(true);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
