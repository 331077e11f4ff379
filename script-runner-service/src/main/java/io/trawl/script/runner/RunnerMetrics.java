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
    private final Map<String, Timer> hookTimers = new ConcurrentHashMap<>();

    public RunnerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Times every hook call by script, hook and outcome: calls per second and latency per script. */
    @Override
    public void called(String script, String hook, long nanos, boolean failed) {
        String key = script + '\0' + hook + '\0' + failed;
        Timer timer = hookTimers.get(key);
        if (timer == null) {
            timer = hookTimers.computeIfAbsent(key, k -> Timer.builder("trawl.script.hook.calls")
                    .description("Hook calls and how long they took, by script, hook and outcome")
                    .tag("script", script)
                    .tag("hook", hook)
                    .tag("outcome", failed ? "failed" : "ok")
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Drops the meters of a deleted script. */
    void forget(String script) {
        hookTimers.entrySet().removeIf(entry -> {
            if (entry.getKey().startsWith(script + '\0')) {
                registry.remove(entry.getValue());
                return true;
            }
            return false;
        });
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
