package io.trawl.script.console;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live feed of one script's new console lines, for one reader (an SSE stream). Writers hand it lines
 * without ever waiting: when the reader falls behind and its buffer is full, new lines are dropped and
 * counted, and {@link #takeDropped()} tells the reader how many it missed. Close it when done.
 */
public final class ConsoleSubscription implements AutoCloseable {

    private final String script;
    private final BlockingQueue<ConsoleEntry> buffer;
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable onClose;
    private volatile boolean closed;

    ConsoleSubscription(String script, int capacity, Runnable onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.script = script;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    public String script() {
        return script;
    }

    /** Called by writers: never blocks. */
    void offer(ConsoleEntry entry) {
        if (!closed && !buffer.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    /**
     * The next line, waiting up to {@code wait} for one.
     *
     * @return the line, or null when none came in time or the subscription is closed
     */
    public ConsoleEntry next(Duration wait) throws InterruptedException {
        ConsoleEntry entry = buffer.poll();
        if (entry != null || closed) {
            return entry;
        }
        return buffer.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Lines dropped since the last call because the buffer was full; resets the count. */
    public long takeDropped() {
        return dropped.getAndSet(0);
    }

    /** True once closed, by the reader or because the script was forgotten (deleted). */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
