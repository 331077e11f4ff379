package io.trawl.script.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsRuntimeTest {

    private static final String HOOK = """
            function onItemCaptured(data) {
              if (data.request.method === 'POST' && data.response.status >= 500) {
                return 'alert:' + data.request.method + ' ' + data.response.status;
              }
              return null;
            }
            """;

    private static JsRuntime runtime;
    private static long engineStartNanos;

    @BeforeAll
    static void startEngine() {
        long start = System.nanoTime();
        runtime = JsRuntime.start();
        engineStartNanos = System.nanoTime() - start;
    }

    @AfterAll
    static void closeEngine() {
        runtime.close();
    }

    @Test
    void testJvmRunsGuestCodeOnTheOptimizingRuntime() {
        // Fails when the surefire flags (JVMCI, compiler on the upgrade module path) are lost.
        assertThat(runtime.optimized()).as(runtime.describe()).isTrue();
        assertThat(runtime.describe()).contains("optimizing runtime").doesNotContain("Interpreted");
    }

    @Test
    void hookSeesRequestMethodAndResponseStatus() {
        long start = System.nanoTime();
        try (Context context = runtime.newContext()) {
            context.eval("js", HOOK);
            Value hook = context.getBindings("js").getMember("onItemCaptured");

            Value alert = hook.execute(item("POST", 503));
            long firstCallNanos = System.nanoTime() - start;
            Value quiet = hook.execute(item("GET", 200));

            assertThat(alert.asString()).isEqualTo("alert:POST 503");
            assertThat(quiet.isNull()).isTrue();
            System.out.printf("[timing] %s: engine start %d ms, context + eval + first hook call %d ms%n",
                    runtime.describe(), engineStartNanos / 1_000_000, firstCallNanos / 1_000_000);
        }
    }

    @Test
    void hostClassesFilesAndModulesAreOutOfReach() {
        try (Context context = runtime.newContext()) {
            assertThatThrownBy(() -> context.eval("js", "Java.type('java.lang.System').exit(1)"))
                    .isInstanceOf(PolyglotException.class)
                    .hasMessageContaining("ReferenceError");
            assertThatThrownBy(() -> context.eval("js", "load('/etc/hostname')"))
                    .isInstanceOf(PolyglotException.class)
                    .hasMessageContaining("ReferenceError");
            assertThatThrownBy(() -> context.eval("js", "require('fs')"))
                    .isInstanceOf(PolyglotException.class)
                    .hasMessageContaining("ReferenceError");
            assertThat(context.eval("js", "typeof Packages + typeof Polyglot + typeof print + typeof Graal")
                    .asString()).isEqualTo("undefinedundefinedundefinedundefined");
        }
    }

    @Test
    void interruptStopsEndlessLoopAndContextStaysUsable() throws Exception {
        var watchdog = Executors.newSingleThreadExecutor();
        var looping = new CountDownLatch(1);
        try (Context context = runtime.newContext()) {
            context.eval("js", "var calls = 41;");
            // The loop says when it runs: an interrupt sent before the guest code starts would be lost.
            context.getBindings("js").putMember("looping", (ProxyExecutable) args -> {
                looping.countDown();
                return null;
            });
            var interrupted = watchdog.submit(() -> {
                looping.await();
                context.interrupt(Duration.ofSeconds(5));
                return null;
            });

            assertThatThrownBy(() -> context.eval("js", "looping(); while (true) {}"))
                    .isInstanceOfSatisfying(PolyglotException.class,
                            e -> assertThat(e.isInterrupted()).isTrue());
            interrupted.get(10, TimeUnit.SECONDS);
            assertThat(context.eval("js", "++calls").asInt()).isEqualTo(42);
        } finally {
            watchdog.shutdownNow();
        }
    }

    @Test
    void fallbackReasonKeepsOnlyTheCauseOfTheInterpreterWarning() {
        String warning = """
                [engine] WARNING: The polyglot engine uses a fallback runtime that does not support runtime \
                compilation to native code.
                The following cause was found: JVMCI is not enabled for this JVM. Enable JVMCI using \
                -XX:+EnableJVMCI. For more information see: https://www.graalvm.org/latest/reference-manual/
                """;

        assertThat(JsRuntime.fallbackReason(warning))
                .isEqualTo("JVMCI is not enabled for this JVM. Enable JVMCI using -XX:+EnableJVMCI.");
        assertThat(JsRuntime.fallbackReason("")).isEmpty();
    }

    private static ProxyObject item(String method, int status) {
        return ProxyObject.fromMap(Map.of(
                "request", ProxyObject.fromMap(Map.of("method", method, "path", "/api/orders")),
                "response", ProxyObject.fromMap(Map.of("status", status))));
    }
}
