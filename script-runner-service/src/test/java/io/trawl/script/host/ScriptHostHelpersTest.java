package io.trawl.script.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.host.ScriptError.Kind;
import io.trawl.script.item.ItemView;

class ScriptHostHelpersTest {

    private static final ScriptBudget BUDGET = new ScriptBudget(1_000_000, Duration.ofSeconds(10));
    private static final ScriptEnv ENV = new ScriptEnv(
            Map.of("SLACK_TOKEN", "xoxb-1234-secret", "REGION", "eu-west-1", "PIN_PASSWORD", "abc"),
            Map.of("own.js", Map.of("DB_PASSWORD", "hunter22")));

    private static JsRuntime runtime;
    private static ScriptWatchdog watchdog;
    private final RecordedOutput recorded = new RecordedOutput();
    private ScriptHost host;

    @BeforeAll
    static void startEngine() {
        runtime = JsRuntime.start();
        watchdog = new ScriptWatchdog();
    }

    @AfterAll
    static void closeEngine() {
        watchdog.close();
        runtime.close();
    }

    @AfterEach
    void closeHost() {
        if (host != null) {
            host.close();
        }
    }

    private ScriptHost hostWithHelpers(ScriptBudget budget) {
        var registry = new SimpleMeterRegistry();
        var helpers = new Helpers(ENV, "node-a", Effects.perform(),
                Helpers.standard(registry, new ScriptMetrics(registry, ScriptMetricLimits.defaults())));
        host = new ScriptHost(runtime, budget, watchdog, helpers, recorded, recorded);
        return host;
    }

    private static ItemView item() {
        return ItemView.parse("{\"id\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hooksAreTheFunctionsTheTopLevelCodeLeftDefined() {
        hostWithHelpers(BUDGET);
        host.load("all.js", """
                function onJobFailed(tag, cron, limit, err) {}
                function onItemCaptured(data) {}
                var onPacketCaptured = function (info) {};
                this.onJobPassed = function () {};
                """);
        host.load("none.js", "var onItemCaptured = 5; function helper() {}");
        host.load("late.js", """
                var onItemCaptured;
                if (utils.nodeName() === "node-a") { onItemCaptured = function (data) {}; }
                function onPacketCaptured(info) {}
                onPacketCaptured = undefined;
                """);

        assertThat(host.hooks("all.js")).containsExactly("onItemCaptured", "onPacketCaptured", "onJobPassed",
                "onJobFailed");
        assertThat(host.hooks("none.js")).isEmpty();
        assertThat(host.hooks("late.js")).containsExactly("onItemCaptured");
        assertThat(host.hooks("missing.js")).isEmpty();
    }

    @Test
    void hooksOfAScriptThatFailedToLoadAreEmpty() {
        hostWithHelpers(BUDGET);
        host.load("fails.js", "function onItemCaptured(d) {} throw new Error('no');");

        assertThat(host.hooks("fails.js")).isEmpty();
    }

    @Test
    void secretEnvValuesAreMaskedInConsoleLines() {
        hostWithHelpers(BUDGET);
        host.load("leaky.js", """
                console.log("token", env.SLACK_TOKEN, "region", env.REGION);
                console.error(JSON.stringify(env));
                console.log("short secrets stay", env.PIN_PASSWORD);
                """);

        List<String> lines = recorded.texts("leaky.js");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("token *** region eu-west-1");
        assertThat(lines.get(1)).contains("\"SLACK_TOKEN\":\"***\"", "\"REGION\":\"eu-west-1\"",
                "\"PIN_PASSWORD\":\"abc\"").doesNotContain("xoxb");
        assertThat(lines.get(2)).isEqualTo("short secrets stay abc");
    }

    @Test
    void secretEnvValuesAreMaskedInErrorsOfLoadAndOfHooks() {
        hostWithHelpers(BUDGET);
        var loadError = host.load("own.js", "throw new Error('login with ' + env.DB_PASSWORD + ' failed');");
        host.load("hook.js", """
                function onItemCaptured(data) { throw new Error("bad token " + env.SLACK_TOKEN); }
                """);
        host.onItemCaptured(item());

        assertThat(loadError).hasValueSatisfying(
                error -> assertThat(error.message()).isEqualTo("Error: login with *** failed"));
        assertThat(recorded.errors()).extracting(ScriptError::message)
                .containsExactly("Error: login with *** failed", "Error: bad token ***");
    }

    @Test
    void parseReportsASyntaxErrorWithLineAndColumnWithoutRunningAnything() {
        hostWithHelpers(BUDGET);
        var error = host.parse("broken.js", """
                console.log("must not run");
                function onItemCaptured(data) {
                  var x = ;
                }
                """);

        assertThat(error).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(11);
            assertThat(e.toString()).startsWith("broken.js:3:11: SYNTAX: ");
        });
        assertThat(host.parse("fine.js", "console.log('must not run either'); while (true) {}")).isEmpty();
        assertThat(recorded.lines()).isEmpty();
        assertThat(recorded.errors()).isEmpty();
        assertThat(host.scripts()).isEmpty();
    }

    @Test
    void aRebuiltContextGetsItsHelpersAndHooksAgain() {
        hostWithHelpers(new ScriptBudget(50_000, Duration.ofSeconds(5)));
        host.load("busy.js", """
                function onItemCaptured(data) {
                  if (data.id === "spin") { for (;;) {} }
                  console.log(utils.nodeName(), env.SLACK_TOKEN);
                }
                """);

        host.onItemCaptured(ItemView.parse("{\"id\": \"spin\"}".getBytes(StandardCharsets.UTF_8)));
        host.onItemCaptured(item());

        assertThat(recorded.errors()).extracting(ScriptError::kind).containsExactly(Kind.STATEMENT_LIMIT);
        assertThat(recorded.texts("busy.js")).containsExactly("node-a ***");
        assertThat(host.hooks("busy.js")).containsExactly("onItemCaptured");
    }

    @Test
    void theConsoleOnlyConstructorInstallsNoHelpers() {
        host = new ScriptHost(runtime, BUDGET, watchdog, recorded, recorded);
        host.load("bare.js", "console.log(typeof env, typeof utils, typeof prometheus, typeof metrics, typeof test);");

        assertThat(recorded.texts("bare.js")).isEqualTo(List.of("undefined undefined undefined undefined undefined"));
    }
}
