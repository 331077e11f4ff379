package io.trawl.script.dryrun;

import java.util.Objects;

import io.trawl.script.host.ScriptOutput;

/** One line a script wrote with {@code console.log} or {@code console.error}. */
public record ConsoleLine(String script, ScriptOutput.Level level, String text) {

    public ConsoleLine {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }
}
