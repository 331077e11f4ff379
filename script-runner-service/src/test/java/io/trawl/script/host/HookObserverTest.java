package io.trawl.script.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Helpers;
import io.trawl.script.item.ItemView;

/** What a host tells its observer about hook calls, and the warm-up grace of a new context's first calls. */
class HookObserverTest {

    /** Busy for 300 ms on its first call only: slower than the hook budget, faster than the load budget. */
    private static final String SLOW_FIRST = """
            var calls = 0;
            function onItemCaptured(data) {
              calls++;
              if (calls === 1) { var t = Date.now(); while (Date.now() - t < 300) {} }
              console.log("call " + calls);
            }
            """;

    private static JsRuntime runtime;
    private static ScriptWatchdog watchdog;

    record Call(String script, String hook, boolean failed) {
    }

    @BeforeAll
    static void start() {
        runtime = JsRuntime.start();
        watchdog = new ScriptWatchdog();
    }

    @AfterAll
    static void stop() {
        watchdog.close();
        runtime.close();
    }

    @Test
    void everyCallOfADefinedHookIsObservedWithItsOutcomeAndOthersAreNotCalled() {
        List<Call> calls = new CopyOnWriteArrayList<>();
        var recorded = new RecordedOutput();
        var budget = new ScriptBudget(1_000_000, Duration.ofSeconds(2));
        try (var host = new ScriptHost(runtime, budget, watchdog, Helpers.none(), recorded, recorded,
                (script, hook, nanos, failed) -> calls.add(new Call(script, hook, failed)))) {
            host.load("items.js", "function onItemCaptured(d) { if (d.n === 2) throw new Error('two'); }");
            host.load("packets.js", "function onPacketCaptured(i) {}");

            host.onItemCaptured(item(1));
            host.onItemCaptured(item(2));

            assertThat(calls).containsExactly(new Call("items.js", "onItemCaptured", false),
                    new Call("items.js", "onItemCaptured", true));
        }
    }

    @Test
    void aNewContextsFirstCallsGetTheLoadWallTime() {
        var recorded = new RecordedOutput();
        // Statements far above what 300 ms can run: only the wall time may stop the busy first call.
        var warm = new ScriptBudget(2_000_000_000L, Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        try (var host = new ScriptHost(runtime, warm, watchdog, Helpers.none(), recorded, recorded)) {
            host.load("slow.js", SLOW_FIRST);
            host.onItemCaptured(item(1));
        }
        assertThat(recorded.errors()).isEmpty();
        assertThat(recorded.texts("slow.js")).containsExactly("call 1");
    }

    @Test
    void withoutWarmUpTheFirstCallHasTheHookBudget() {
        var recorded = new RecordedOutput();
        var cold = new ScriptBudget(2_000_000_000L, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ZERO);
        try (var host = new ScriptHost(runtime, cold, watchdog, Helpers.none(), recorded, recorded)) {
            host.load("slow.js", SLOW_FIRST);
            host.onItemCaptured(item(1));
        }
        assertThat(recorded.errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).startsWith("ran longer than 100 ms"));
    }

    private static ItemView item(int n) {
        return ItemView.parse(("{\"n\":" + n + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
