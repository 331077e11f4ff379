package io.trawl.script.runner;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trawl.script.host.HookObserver;
import io.trawl.script.host.ScriptError;

/**
 * The runner's own meters ({@code trawl.script.*}). Tags are bounded: script names (as many as there are
 * scripts), error kinds and feed names; never an item's content.
 *
 * <p>A script's error and disabling counters exist at zero from its first hook call on, so that dashboards show
 * "no errors" for it rather than no data; {@link #forget} removes them with the timers.
 */
public final class RunnerMetrics implements HookObserver {

    private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofMillis(1), Duration.ofMillis(10),
        Duration.ofMillis(100), Duration.ofSeconds(1)};

    private static final String ERRORS = "trawl.script.errors";
    private static final String DISABLED = "trawl.script.disabled";
    /** What can go wrong in a hook call (a syntax error happens only when loading). */
    private static final List<ScriptError.Kind> CALL_ERRORS = Arrays.stream(ScriptError.Kind.values())
            .filter(kind -> kind != ScriptError.Kind.SYNTAX).toList();

    private final MeterRegistry registry;
    /** script → hook → timers of the outcomes ok (0) and failed (1). */
    private final Map<String, Map<String, Timer[]>> hookTimers = new ConcurrentHashMap<>();

    public RunnerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    MeterRegistry registry() {
        return registry;
    }

    /**
     * Times every hook call by script, hook and outcome: calls per second and latency per script. Looked up
     * through two maps without building a key: this runs once per script per item.
     */
    @Override
    public void called(String script, String hook, long nanos, boolean failed) {
        Map<String, Timer[]> byHook = hookTimers.get(script);
        if (byHook == null) {
            byHook = hookTimers.computeIfAbsent(script, s -> new ConcurrentHashMap<>());
            disabledCounter(script);
        }
        Timer[] outcomes = byHook.get(hook);
        if (outcomes == null) {
            outcomes = byHook.computeIfAbsent(hook, h -> new Timer[2]);
            for (ScriptError.Kind kind : CALL_ERRORS) {
                errorCounter(script, kind, hook);
            }
        }
        int index = failed ? 1 : 0;
        Timer timer = outcomes[index];
        if (timer == null) {
            // Micrometer returns the one registered meter for the same name and tags, so a race costs nothing.
            timer = Timer.builder("trawl.script.hook.calls")
                    .description("Hook calls and how long they took, by script, hook and outcome")
                    .tag("script", script)
                    .tag("hook", hook)
                    .tag("outcome", failed ? "failed" : "ok")
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            outcomes[index] = timer;
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Drops the meters of a deleted script. */
    void forget(String script) {
        for (String name : new String[] {ERRORS, DISABLED}) {
            List.copyOf(registry.find(name).tag("script", script).meters()).forEach(registry::remove);
        }
        Map<String, Timer[]> byHook = hookTimers.remove(script);
        if (byHook != null) {
            byHook.values().forEach(outcomes -> {
                for (Timer timer : outcomes) {
                    if (timer != null) {
                        registry.remove(timer);
                    }
                }
            });
        }
    }

    void error(ScriptError error) {
        errorCounter(error.script(), error.kind(), error.hook() == null ? "load" : error.hook()).increment();
    }

    private Counter errorCounter(String script, ScriptError.Kind kind, String hook) {
        return Counter.builder(ERRORS)
                .description("Failed script loads and hook calls, by script and kind")
                .tag("script", script)
                .tag("kind", kind.name().toLowerCase())
                .tag("hook", hook)
                .register(registry);
    }

    void disabled(String script) {
        disabledCounter(script).increment();
    }

    private Counter disabledCounter(String script) {
        return Counter.builder(DISABLED)
                .description("Scripts this replica disabled for failing repeatedly")
                .tag("script", script)
                .register(registry);
    }
}
