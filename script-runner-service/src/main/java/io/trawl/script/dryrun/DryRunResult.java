package io.trawl.script.dryrun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.trawl.script.helper.HelperCall;
import io.trawl.script.host.ScriptError;

/**
 * What a dry run of a script did: its console lines, the helper calls it made (recorded, not performed), its
 * errors, the hooks it defines, how many items it was called with and how long it all took. Secret env values
 * are masked in all of it.
 *
 * @param console lines written with {@code console.log/error}, in order
 * @param calls   helper calls with effects, in order, arguments as plain values
 * @param errors  the script's errors (refused at load, thrown by a hook, over budget) and items that were not
 *                valid JSON ({@link ScriptError.Kind#INTERNAL}, message {@code "items[3] ..."}), in order
 * @param hooks   the hooks the script defines, in {@code ScriptHost.HOOKS} order; empty when it did not load
 * @param items   how many items were given to {@code onItemCaptured}: 0 when the script did not load
 * @param elapsed the time the whole run took, loading included
 */
public record DryRunResult(List<ConsoleLine> console, List<HelperCall> calls, List<ScriptError> errors,
                           Set<String> hooks, int items, Duration elapsed) {

    public DryRunResult {
        console = List.copyOf(console);
        calls = List.copyOf(calls);
        errors = List.copyOf(errors);
        hooks = Collections.unmodifiableSet(new LinkedHashSet<>(hooks));
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when the script failed to load, a hook failed, or an item was not valid. */
    public boolean failed() {
        return !errors.isEmpty();
    }

    /**
     * The run as text, one line each: console lines ({@code log: ...}, {@code error: ...}), then helper calls
     * as a script writes them ({@code call: test.fail("id")}), then errors ({@code script.js:3:5 in
     * onItemCaptured: THROWN: ...}).
     */
    public List<String> lines() {
        var lines = new ArrayList<String>();
        console.forEach(line -> lines.add(line.level().name().toLowerCase(Locale.ROOT) + ": " + line.text()));
        calls.forEach(call -> lines.add("call: " + call));
        errors.forEach(error -> lines.add("failed: " + error));
        return lines;
    }
}
