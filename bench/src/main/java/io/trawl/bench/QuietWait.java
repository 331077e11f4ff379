package io.trawl.bench;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Before each timed run, waits (up to {@code maxWaitSeconds}) until processes other than this JVM use at most
 * {@code maxCores} of CPU, so that a shared machine's other work spoils as few runs as possible; and counts how often
 * it had to wait and how often the machine did not get quiet in time, for the report. A negative {@code maxCores}
 * turns the waiting off.
 */
public final class QuietWait {

    private final double maxCores;
    private final int maxWaitSeconds;
    private final Consumer<String> log;
    private int waits;
    private int timeouts;

    public QuietWait(double maxCores, int maxWaitSeconds, Consumer<String> log) {
        this.maxCores = maxCores;
        this.maxWaitSeconds = maxWaitSeconds;
        this.log = log;
    }

    /** Waits for other processes to leave the CPU to the next timed run; see {@link Machine#awaitQuiet}. */
    public void await() throws InterruptedException {
        if (maxCores < 0) {
            return;
        }
        long t0 = System.nanoTime();
        boolean quiet = Machine.awaitQuiet(maxCores, maxWaitSeconds * 1_000_000_000L, log);
        double waited = (System.nanoTime() - t0) / 1e9;
        if (waited > 1) {
            waits++;
            log.accept(String.format(Locale.ROOT, "waited %.0f s for other processes to use under %.2f cores%s",
                    waited, maxCores, quiet ? "" : "; they did not: measuring anyway"));
        }
        if (!quiet) {
            timeouts++;
        }
    }

    /** How many runs it had to wait before (more than a second). */
    public int waits() {
        return waits;
    }

    /** How many runs started without the machine getting quiet. */
    public int timeouts() {
        return timeouts;
    }

    /** The report's paragraph on the waiting, or nothing when the waiting was off. */
    public String reportParagraph() {
        if (maxCores < 0) {
            return "";
        }
        return String.format(Locale.ROOT,
                "Before each timed run the harness waited until other processes used under %.2f cores "
                        + "(at most %d s): it had to wait before %d runs, and %d runs started without the machine "
                        + "getting quiet.%n%n",
                maxCores, maxWaitSeconds, waits, timeouts);
    }
}
