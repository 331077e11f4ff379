package io.trawl.script.console;

import java.time.Instant;
import java.util.Objects;

import io.trawl.script.host.ScriptOutput;

/**
 * One line of a script's console as {@link ConsoleLog} keeps it.
 *
 * @param sequence 1 for the script's first line, then one more per line (also across {@link ConsoleLog#forget})
 * @param time     when the line was written
 * @param level    {@code LOG} for {@code console.log}, {@code ERROR} for {@code console.error} and for errors
 * @param text     the line, cut to the log's line limit
 */
public record ConsoleEntry(long sequence, Instant time, ScriptOutput.Level level, String text) {

    public ConsoleEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }
}
