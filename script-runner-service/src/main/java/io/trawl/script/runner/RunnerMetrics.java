package io.trawl.script.runner;

import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.script.host.ScriptError;

/**
 * The runner's own meters ({@code trawl.script.*}). Tags are bounded: script names (as many as there are
 * scripts), error kinds and feed names; never an item's content.
 */
public final class RunnerMetrics {

    private final MeterRegistry registry;

    public RunnerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    MeterRegistry registry() {
        return registry;
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
