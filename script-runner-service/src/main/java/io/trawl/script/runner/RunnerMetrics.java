package io.trawl.script.runner;

import java.time.Duration;
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
 */
public final class RunnerMetrics implements HookObserver {

    private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofMillis(1), Duration.ofMillis(10),
        Duration.ofMillis(100), Duration.ofSeconds(1)};

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
        }
        Timer[] outcomes = byHook.get(hook);
        if (outcomes == null) {
            outcomes = byHook.computeIfAbsent(hook, h -> new Timer[2]);
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
        Counter.builder("trawl.script.errors")
                .description("Failed script loads and hook calls, by script and kind")
                .tag("script", error.script())
                .tag("kind", error.kind().name().toLowerCase())
                .tag("hook", error.hook() == null ? "load" : error.hook())
                .register(registry)
                .increment();
    }

    void disabled(String script) {
        Counter.builder("trawl.script.disabled")
                .description("Scripts this replica disabled for failing repeatedly")
                .tag("script", script)
                .register(registry)
                .increment();
    }
}
