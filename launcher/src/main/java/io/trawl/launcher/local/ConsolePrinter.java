package io.trawl.launcher.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import io.trawl.script.host.ScriptError;
import io.trawl.script.service.ConsoleTap;

/**
 * Prints every script's console lines as they happen, {@code HH:mm:ss [script] text}, errors marked, above
 * the status line. Called on worker threads: one lock keeps lines whole.
 */
final class ConsolePrinter implements ConsoleTap.Listener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final StatusLine status;

    ConsolePrinter(PrintStream out, StatusLine status) {
        this.out = Objects.requireNonNull(out, "out");
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public void line(String script, Level level, String text) {
        print(script, (level == Level.ERROR ? "ERROR " : "") + text);
    }

    @Override
    public void error(ScriptError error) {
        print(error.script(), "ERROR " + error);
    }

    private void print(String script, String text) {
        status.above(LocalTime.now().format(TIME) + " [" + script + "] " + text);
    }
}
