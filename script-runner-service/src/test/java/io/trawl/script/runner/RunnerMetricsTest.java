package io.trawl.script.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.script.host.ScriptError;

class RunnerMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final RunnerMetrics metrics = new RunnerMetrics(registry);

    @Test
    void aScriptsErrorAndDisablingCountersExistAtZeroFromItsFirstHookCall() {
        metrics.called("status-codes", "onItemCaptured", 2_000, false);

        assertThat(registry.find("trawl.script.errors").tag("script", "status-codes").counters())
                .extracting(c -> c.getId().getTag("kind") + "/" + c.getId().getTag("hook") + "=" + c.count())
                .containsExactlyInAnyOrder("thrown/onItemCaptured=0.0", "timeout/onItemCaptured=0.0",
                        "statement_limit/onItemCaptured=0.0", "memory/onItemCaptured=0.0",
                        "internal/onItemCaptured=0.0");
        assertThat(registry.get("trawl.script.disabled").tag("script", "status-codes").counter().count()).isZero();
    }

    @Test
    void anErrorCountsOnceUnderItsKindAndHookAndForgetRemovesTheScriptsMeters() {
        metrics.called("status-codes", "onItemCaptured", 2_000, true);
        metrics.error(new ScriptError("status-codes", ScriptError.Kind.TIMEOUT, "onItemCaptured", "too slow", 0, 0));
        metrics.error(new ScriptError("status-codes", ScriptError.Kind.SYNTAX, null, "Unexpected token", 1, 5));
        metrics.called("other", "onItemCaptured", 1_000, false);

        Counter timeouts = registry.get("trawl.script.errors").tags("script", "status-codes", "kind", "timeout",
                "hook", "onItemCaptured").counter();
        assertThat(timeouts.count()).isEqualTo(1.0);
        assertThat(registry.get("trawl.script.errors").tags("script", "status-codes", "kind", "syntax", "hook", "load")
                .counter().count()).isEqualTo(1.0);

        metrics.forget("status-codes");
        assertThat(registry.find("trawl.script.errors").tag("script", "status-codes").meters()).isEmpty();
        assertThat(registry.find("trawl.script.disabled").tag("script", "status-codes").meters()).isEmpty();
        assertThat(registry.find("trawl.script.hook.calls").tag("script", "status-codes").meters()).isEmpty();
        assertThat(registry.find("trawl.script.errors").tag("script", "other").meters()).hasSize(5);
    }
}
