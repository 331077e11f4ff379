package io.trawl.script.host;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.graalvm.polyglot.Context;

/**
 * One timer thread, shared by all hosts, that stops guest calls running past their wall-time budget.
 *
 * <p>It first {@linkplain Context#interrupt(Duration) interrupts} the call, which keeps the context and its
 * globals usable. If the guest has not stopped within {@link #INTERRUPT_GRACE} it cancels the context for
 * good ({@code close(true)}), and the host rebuilds it.
 */
public final class ScriptWatchdog implements AutoCloseable {

    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "trawl-script-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts timing one guest call in {@code context}; end the returned call when the guest returns. */
    Call start(Context context, Duration budget) {
        var call = new Call(context);
        call.timeout = timer.schedule(call::expire, budget.toNanos(), TimeUnit.NANOSECONDS);
        return call;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One timed guest call. */
    static final class Call {
        private final Context context;
        private ScheduledFuture<?> timeout;
        private boolean ended;
        private boolean expired;

        private Call(Context context) {
            this.context = context;
        }

        // Under the lock so that a call that has ended is never interrupted: the interrupt would otherwise
        // land in the next call on the same context.
        private synchronized void expire() {
            if (ended) {
                return;
            }
            expired = true;
            try {
                context.interrupt(INTERRUPT_GRACE);
            } catch (TimeoutException | RuntimeException e) {
                context.close(true);
            }
        }

        /** Stops the timer; true when it had fired, that is when the call was stopped for taking too long. */
        boolean end() {
            timeout.cancel(false);
            synchronized (this) {
                ended = true;
                return expired;
            }
        }
    }
}
