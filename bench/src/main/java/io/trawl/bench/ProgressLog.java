package io.trawl.bench;

import java.io.PrintStream;

/** A harness's progress lines while it measures, each prefixed with the harness's name ({@code bench: ...}). */
public record ProgressLog(String harness, PrintStream to) {

    public void line(String line) {
        to.println(harness + ": " + line);
        to.flush();
    }
}
