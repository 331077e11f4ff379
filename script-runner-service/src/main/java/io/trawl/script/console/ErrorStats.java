package io.trawl.script.console;

import java.time.Instant;
import java.util.Map;

import io.trawl.script.host.ScriptError;

/**
 * A script's error counts since this replica started (or since it last forgot the script).
 *
 * @param total    every error
 * @param byKind   errors of each kind; every kind is present, with 0 when none
 * @param last     the latest error, or null when there was none
 * @param lastTime when the latest error happened, or null
 */
public record ErrorStats(long total, Map<ScriptError.Kind, Long> byKind, ScriptError last, Instant lastTime) {

    public ErrorStats {
        byKind = Map.copyOf(byKind);
    }
}
