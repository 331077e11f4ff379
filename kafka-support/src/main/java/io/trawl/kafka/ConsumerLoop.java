package io.trawl.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A consumer's poll loop run on a thread of its own, with the ending every such loop needs: {@link #stop()} ends it
 * from another thread (waking a poll that waits), an error that escapes it is kept for {@link #failure()} (health
 * reports it), and the consumer is closed whichever way the loop ends.
 *
 * <p>Subclasses write {@link #loop()}: subscribe or assign, then poll while {@link #running()}.
 *
 * @param <K> the records' key type
 * @param <V> the records' value type
 */
public abstract class ConsumerLoop<K, V> implements Runnable {

    private static final Duration CLOSE = Duration.ofSeconds(5);

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;
    protected final Consumer<K, V> consumer;

    /**
     * @param consumer the consumer the loop owns (it closes it)
     * @param name     what the loop is, for the log line of an error that stops it, such as {@code "Job result reader"}
     */
    protected ConsumerLoop(Consumer<K, V> consumer, String name) {
        this.consumer = consumer;
        this.name = name;
    }

    /** Reads until {@link #running()} turns false, or a {@link WakeupException} from a poll ends it. */
    protected abstract void loop() throws InterruptedException;

    @Override
    public final void run() {
        try {
            loop();
        } catch (WakeupException e) {
            // stop() woke the poll: a normal end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
            log.error("{} stopped", name, e);
        } finally {
            consumer.close(CLOSE);
        }
    }

    /** False once {@link #stop()} was called. */
    protected final boolean running() {
        return running;
    }

    /** The error that stopped the loop, or null while it runs (and after a {@link #stop()}). */
    public final Exception failure() {
        return failure.get();
    }

    /** Ends the loop: it returns at its next check of {@link #running()}, or from the poll it waits in. */
    public final void stop() {
        running = false;
        consumer.wakeup();
    }
}
