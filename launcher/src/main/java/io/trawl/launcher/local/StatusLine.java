package io.trawl.launcher.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The live status line under the scripts' output: rates of packets, items, hook calls and script errors.
 *
 * <p>On a terminal it is one line redrawn in place, and console lines print above it; otherwise (output to a
 * file or a pipe) every {@code plainEvery}-th update is printed as an ordinary line, so logs stay readable.
 * Thread-safe.
 */
final class StatusLine {

    /** One rate on the line: a label and the running total it is computed from. */
    record Rate(String label, DoubleSupplier total) {
    }

    private static final String CLEAR = "\r\033[K";

    private final PrintStream out;
    private final boolean terminal;
    private final List<Rate> rates;
    private final int plainEvery;
    private final double[] previous;
    private long previousNanos;
    private int updates;
    private String current = "";

    StatusLine(PrintStream out, boolean terminal, List<Rate> rates, int plainEvery) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.rates = List.copyOf(rates);
        this.plainEvery = plainEvery;
        this.previous = new double[this.rates.size()];
    }

    /** Prints a line above the status line. */
    synchronized void above(String line) {
        if (terminal && !current.isEmpty()) {
            out.print(CLEAR);
        }
        out.println(line);
        if (terminal) {
            out.print(current);
        }
        out.flush();
    }

    /** Computes the rates since the last update and shows them. */
    synchronized void update(long nowNanos) {
        double seconds = previousNanos == 0 ? 0 : (nowNanos - previousNanos) / 1e9;
        var text = new StringBuilder();
        for (int i = 0; i < rates.size(); i++) {
            double total = rates.get(i).total().getAsDouble();
            double perSecond = seconds <= 0 ? 0 : (total - previous[i]) / seconds;
            previous[i] = total;
            if (!text.isEmpty()) {
                text.append(" | ");
            }
            text.append(String.format(Locale.ROOT, "%s %,.0f/s (%,.0f)", rates.get(i).label(), perSecond, total));
        }
        previousNanos = nowNanos;
        current = text.toString();
        if (terminal) {
            out.print(CLEAR + current);
            out.flush();
        } else if (updates++ % plainEvery == 0) {
            out.println("status: " + current);
            out.flush();
        }
    }

    /** Ends the line in place, so that what follows starts on a line of its own. */
    synchronized void finish() {
        if (terminal && !current.isEmpty()) {
            out.println();
            out.flush();
        }
        current = "";
    }
}
