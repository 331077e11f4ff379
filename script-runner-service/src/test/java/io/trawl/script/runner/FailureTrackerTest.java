package io.trawl.script.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.trawl.script.host.ScriptError;

class FailureTrackerTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> disabled = new ArrayList<>();
    private final FailureTracker tracker = new FailureTracker(3, Duration.ofSeconds(10),
            (script, reason) -> disabled.add(script + ": " + reason), now::get);

    @Test
    void disablesAScriptThatFailsTheLimitWithinTheWindowOnce() {
        fail("a.js");
        fail("a.js");
        assertThat(disabled).isEmpty();

        fail("a.js");

        assertThat(disabled).containsExactly("a.js: failed 3 hook calls within 10s; last: "
                + "a.js:4:2 in onItemCaptured: THROWN: Error: boom");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        fail("a.js");
        fail("a.js");
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        fail("a.js");
        fail("b.js");

        assertThat(disabled).isEmpty();
    }

    @Test
    void aScriptWhoseCodeDoesNotLoadIsDisabledAtOnceAndUnownedErrorsAreIgnored() {
        tracker.record(new ScriptError("bad.js", ScriptError.Kind.SYNTAX, null, "SyntaxError: Expected }", 2, 1));
        tracker.record(new ScriptError("-", ScriptError.Kind.INTERNAL, "onItemCaptured", "item is not JSON", 0, 0));

        assertThat(disabled).containsExactly(
                "bad.js: its code does not load: bad.js:2:1: SYNTAX: SyntaxError: Expected }");
    }

    @Test
    void aLimitOfZeroNeverDisables() {
        var never = new FailureTracker(0, Duration.ofSeconds(1), (script, reason) -> disabled.add(script), now::get);
        for (int i = 0; i < 1000; i++) {
            never.record(new ScriptError("a.js", ScriptError.Kind.TIMEOUT, "onItemCaptured", "slow", 0, 0));
        }
        assertThat(disabled).isEmpty();
    }

    private void fail(String script) {
        tracker.record(new ScriptError(script, ScriptError.Kind.THROWN, "onItemCaptured", "Error: boom", 4, 2));
    }
}
