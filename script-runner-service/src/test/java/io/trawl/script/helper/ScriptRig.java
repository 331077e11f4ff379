package io.trawl.script.helper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.trawl.script.engine.JsRuntime;
import io.trawl.script.host.RecordedOutput;
import io.trawl.script.host.ScriptBudget;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptWatchdog;
import io.trawl.script.item.ItemView;

/** A real host with helpers, for one test: its console lines, errors and (when recording) helper calls. */
public final class ScriptRig implements AutoCloseable {

    public static final ScriptBudget BUDGET = new ScriptBudget(5_000_000, Duration.ofSeconds(10));

    public final RecordedOutput output = new RecordedOutput();
    public final List<HelperCall> calls = new CopyOnWriteArrayList<>();
    public final ScriptHost host;

    /** Helpers as given: performing when {@code helpers} perform. */
    public ScriptRig(JsRuntime runtime, ScriptWatchdog watchdog, Helpers helpers) {
        this(runtime, watchdog, helpers, false);
    }

    /** With {@code record}, the same helpers record their calls into {@link #calls} instead of performing. */
    public ScriptRig(JsRuntime runtime, ScriptWatchdog watchdog, Helpers helpers, boolean record) {
        host = new ScriptHost(runtime, BUDGET, watchdog, record ? helpers.recording(calls::add) : helpers, output,
                output);
    }

    /** Loads {@code source} as {@code name}; fails the test when it does not load. */
    public ScriptRig load(String name, String source) {
        host.load(name, source).ifPresent(error -> {
            throw new AssertionError("script did not load: " + error);
        });
        return this;
    }

    /** Loads top-level {@code code} as {@code t.js} and returns the console lines it wrote. */
    public List<String> run(String code) {
        load("t.js", code);
        return output.texts("t.js");
    }

    /** Calls {@code onItemCaptured} of every loaded script with the item {@code json}. */
    public void item(String json) {
        host.onItemCaptured(ItemView.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        host.close();
    }
}
