package io.trawl.bench.script;

import java.time.Duration;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.Test;

import io.trawl.script.engine.JsRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollingWatchdogTest {

    @Test
    void aCallPastItsBudgetIsInterruptedAndTheContextStaysUsable() {
        try (JsRuntime runtime = JsRuntime.start();
             Context context = runtime.newContext();
             PollingWatchdog watchdog = new PollingWatchdog(Duration.ofMillis(100), Duration.ofMillis(10))) {
            PollingWatchdog.Slot slot = watchdog.register(context);
            long t0 = System.nanoTime();
            slot.start();
            try {
                assertThatThrownBy(() -> context.eval("js", "for (;;) {}"))
                        .isInstanceOfSatisfying(PolyglotException.class, e -> assertThat(e.isInterrupted()).isTrue());
            } finally {
                slot.end();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(100),
                    Duration.ofSeconds(5));
            slot.start();
            try {
                assertThat(context.eval("js", "6 * 7").asInt()).isEqualTo(42);
            } finally {
                slot.end();
            }
        }
    }
}
