package io.trawl.script.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.engine.JsRuntime;

class ScriptWatchdogTest {

    private static JsRuntime runtime;

    @BeforeAll
    static void startEngine() {
        runtime = JsRuntime.start();
    }

    @AfterAll
    static void closeEngine() {
        runtime.close();
    }

    @Test
    void aCallPastItsBudgetIsInterruptedAndTheContextStaysUsable() {
        try (Context context = runtime.newContext();
             ScriptWatchdog watchdog = new ScriptWatchdog();
             ScriptWatchdog.Slot slot = watchdog.slot(context)) {
            long t0 = System.nanoTime();
            slot.start(Duration.ofMillis(100));
            try {
                assertThatThrownBy(() -> context.eval("js", "for (;;) {}"))
                        .isInstanceOfSatisfying(PolyglotException.class, e -> assertThat(e.isInterrupted()).isTrue());
            } finally {
                assertThat(slot.end()).as("expired").isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(100),
                    Duration.ofSeconds(5));
            slot.start(Duration.ofMillis(100));
            try {
                assertThat(context.eval("js", "6 * 7").asInt()).isEqualTo(42);
            } finally {
                assertThat(slot.end()).as("expired").isFalse();
            }
        }
    }

    @Test
    void anInterruptNeverLandsInTheNextCall() {
        try (Context context = runtime.newContext();
             ScriptWatchdog watchdog = new ScriptWatchdog();
             ScriptWatchdog.Slot slot = watchdog.slot(context)) {
            long until = System.nanoTime() + ScriptWatchdog.TICK.toNanos() * 20;
            int rounds = 0;
            while (System.nanoTime() < until || rounds < 100) {
                rounds++;
                // Over its budget at once: the watchdog may stop it, and then its end must say so.
                slot.start(Duration.ofNanos(1));
                boolean interrupted = false;
                try {
                    context.eval("js", "var x = 1; for (var i = 0; i < 1000; i++) { x += i; } x");
                } catch (PolyglotException e) {
                    assertThat(e.isInterrupted()).isTrue();
                    interrupted = true;
                }
                boolean expired = slot.end();
                if (interrupted) {
                    assertThat(expired).as("an interrupted call is reported as expired").isTrue();
                }
                // Well within its budget: never interrupted, whatever happened to the call before.
                slot.start(Duration.ofSeconds(30));
                try {
                    assertThat(context.eval("js", "6 * 7").asInt()).isEqualTo(42);
                } finally {
                    assertThat(slot.end()).isFalse();
                }
            }
        }
    }

    @Test
    void aClosedSlotIsNoLongerWatched() {
        try (Context context = runtime.newContext();
             ScriptWatchdog watchdog = new ScriptWatchdog()) {
            ScriptWatchdog.Slot slot = watchdog.slot(context);
            // a budget the loop below overruns four times, yet long enough that a busy machine does not let it
            // pass between start and close (with 1 ms, a thread descheduled there was stopped: a flaky test)
            slot.start(Duration.ofMillis(50));
            slot.close();
            assertThat(context.eval("js", "var t = Date.now(); while (Date.now() - t < 200) {} true").asBoolean())
                    .isTrue();
            assertThat(slot.end()).isFalse();
        }
    }
}
