package io.trawl.script.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.HelperCall;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.host.ScriptBudget;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptError.Kind;
import io.trawl.script.host.ScriptOutput;

class DryRunTest {

    private static final ScriptBudget BUDGET = new ScriptBudget(200_000, Duration.ofSeconds(10));
    private static final String ALERTS = """
            var seen = 0;
            function onItemCaptured(data) {
              seen++;
              if (data.response.status >= 500) {
                console.log("5xx #" + seen, data.request.path);
                prometheus.metric("http_5xx", "Server errors", 1, 1, {path: data.request.path});
                test.fail(data);
              } else {
                test.pass(data);
              }
            }
            """;

    private static JsRuntime runtime;
    private DryRun dryRun;

    @BeforeAll
    static void startEngine() {
        runtime = JsRuntime.start();
    }

    @AfterAll
    static void closeEngine() {
        runtime.close();
    }

    @BeforeEach
    void openDryRun() {
        dryRun = new DryRun(runtime, BUDGET, "node-x", Map.of("SLACK_TOKEN", "xoxb-very-secret", "LEVEL", "debug"),
                Map.of("alerts.js", Map.of("LEVEL", "warn")));
    }

    @AfterEach
    void closeDryRun() {
        dryRun.close();
    }

    private static byte[] http(String id, String path, int status) {
        return ("{\"id\": \"" + id + "\", \"request\": {\"path\": \"" + path + "\"}, \"response\": {\"status\": "
                + status + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void runsAnUnsavedScriptOnItemsAndRecordsItsHelperCalls() {
        DryRunResult result = dryRun.run("alerts.js", ALERTS,
                List.of(http("i-1", "/ok", 200), http("i-2", "/boom", 503)));

        assertThat(result.errors()).isEmpty();
        assertThat(result.failed()).isFalse();
        assertThat(result.items()).isEqualTo(2);
        assertThat(result.hooks()).containsExactly("onItemCaptured");
        assertThat(result.console()).extracting(ConsoleLine::script, ConsoleLine::level, ConsoleLine::text)
                .containsExactly(tuple("alerts.js", ScriptOutput.Level.LOG, "5xx #2 /boom"));
        assertThat(result.calls()).extracting(HelperCall::script, HelperCall::helper, HelperCall::arguments)
                .containsExactly(
                        tuple("alerts.js", "test.pass", List.of("i-1")),
                        tuple("alerts.js", "prometheus.metric", List.of("http_5xx", "Server errors", 1, 1,
                                Map.of("path", "/boom"))),
                        tuple("alerts.js", "test.fail", List.of("i-2")));
        assertThat(result.elapsed()).isPositive();
        assertThat(result.lines()).containsExactly(
                "log: 5xx #2 /boom",
                "call: test.pass(\"i-1\")",
                "call: prometheus.metric(\"http_5xx\", \"Server errors\", 1, 1, {\"path\":\"/boom\"})",
                "call: test.fail(\"i-2\")");
    }

    @Test
    void theServicesHelpersRecordInsteadOfPerformingInADryRun() {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var serviceHelpers = new Helpers(ScriptEnv.empty(), "node-x", Effects.perform(),
                Helpers.standard(registry, new ScriptMetrics(registry, ScriptMetricLimits.defaults())));
        try (var withServiceHelpers = new DryRun(runtime, BUDGET, serviceHelpers)) {
            DryRunResult result = withServiceHelpers.run("alerts.js", ALERTS, List.of(http("i-2", "/boom", 503)));

            assertThat(result.calls()).extracting(HelperCall::helper)
                    .containsExactly("prometheus.metric", "test.fail");
        }
        assertThat(registry.scrape()).doesNotContain("trawl_script");
    }

    @Test
    void anItemThatIsNotJsonIsAnErrorNamingItsIndexAndTheOthersStillRun() {
        DryRunResult result = dryRun.run("alerts.js", ALERTS, List.of(http("i-1", "/boom", 500),
                "{not json".getBytes(StandardCharsets.UTF_8), "[1, 2]".getBytes(StandardCharsets.UTF_8),
                http("i-4", "/boom", 502)));

        assertThat(result.items()).isEqualTo(2);
        assertThat(result.console()).extracting(ConsoleLine::text).containsExactly("5xx #1 /boom", "5xx #2 /boom");
        assertThat(result.errors()).extracting(ScriptError::kind, ScriptError::hook)
                .containsOnly(tuple(Kind.INTERNAL, "onItemCaptured"));
        assertThat(result.errors()).extracting(ScriptError::message).satisfiesExactly(
                first -> assertThat(first).startsWith("items[1] was not given to the script: item is not valid JSON"),
                second -> assertThat(second).isEqualTo(
                        "items[2] was not given to the script: item JSON must be an object"));
        assertThat(result.failed()).isTrue();
    }

    @Test
    void hookErrorsAndBudgetOverrunsAreReportedPerItem() {
        DryRunResult result = dryRun.run("flaky.js", """
                function onItemCaptured(data) {
                  if (data.id === "loop") { while (true) {} }
                  if (data.id === "throw") { null.x; }
                  console.log("ok", data.id);
                }
                """, List.of(http("throw", "/", 200), http("loop", "/", 200), http("fine", "/", 200)));

        assertThat(result.items()).isEqualTo(3);
        assertThat(result.errors()).extracting(ScriptError::kind).containsExactly(Kind.THROWN, Kind.STATEMENT_LIMIT);
        assertThat(result.errors().getFirst().line()).isEqualTo(3);
        assertThat(result.console()).extracting(ConsoleLine::text).containsExactly("ok fine");
        assertThat(result.lines()).last().asString().startsWith("failed: flaky.js:")
                .contains(" in onItemCaptured: STATEMENT_LIMIT: ran more than 200000 statements");
    }

    @Test
    void aScriptThatDoesNotLoadIsCalledWithNoItem() {
        DryRunResult result = dryRun.run("broken.js", "function onItemCaptured(data) { console.log(1) ",
                List.of(http("i", "/", 200)));

        assertThat(result.items()).isZero();
        assertThat(result.hooks()).isEmpty();
        assertThat(result.console()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(Kind.SYNTAX);
            assertThat(error.line()).isEqualTo(1);
        });
    }

    @Test
    void secretsAreMaskedInConsoleErrorsAndRecordedCalls() {
        DryRunResult result = dryRun.run("leak.js", """
                console.log("token=" + env.SLACK_TOKEN, env.LEVEL);
                function onItemCaptured(data) {
                  metrics.increment("leaks", 1, {token: env.SLACK_TOKEN});
                  throw new Error("cannot post with " + env.SLACK_TOKEN);
                }
                """, List.of(http("i", "/", 200)));

        assertThat(result.console()).extracting(ConsoleLine::text).containsExactly("token=*** debug");
        assertThat(result.calls()).extracting(HelperCall::arguments)
                .containsExactly(List.of("leaks", 1, Map.of("token", "***")));
        assertThat(result.errors()).extracting(ScriptError::message).containsExactly("Error: cannot post with ***");
        assertThat(String.join("\n", result.lines())).doesNotContain("xoxb-very-secret");
    }

    @Test
    void perScriptEnvAndNodeNameAreThoseOfTheService() {
        DryRunResult result = dryRun.run("alerts.js", "console.log(env.LEVEL, utils.nodeName());", List.of());

        assertThat(result.console()).extracting(ConsoleLine::text).containsExactly("warn node-x");
    }

    @Test
    void validationGivesTheLineAndColumnOfASyntaxErrorWithoutRunningTheCode() {
        ScriptValidation validation = dryRun.validate("broken.js", """
                console.log("top-level code ran");
                function onItemCaptured(data) {
                  if (data.response.status >= 500 {
                  }
                }
                """);

        assertThat(validation.valid()).isFalse();
        assertThat(validation.hooks()).isEmpty();
        assertThat(validation.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(Kind.SYNTAX);
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.column()).isEqualTo(35);
            assertThat(error.message()).contains("Expected ) but found {");
        });
    }

    @Test
    void validationOfAScriptThatParsesGivesTheHooksItDefines() {
        ScriptValidation validation = dryRun.validate("hooks.js", """
                prometheus.metric("loaded", "Loads", 1, 1);
                function onPacketCaptured(info) {}
                function onJobPassed(tag, cron, limit) {}
                function onItemCaptured(data) {}
                """);

        assertThat(validation.valid()).isTrue();
        assertThat(validation.errors()).isEmpty();
        assertThat(validation.hooks()).containsExactly("onItemCaptured", "onPacketCaptured", "onJobPassed");
    }

    @Test
    void validationRefusesTopLevelCodeThatThrowsOrRunsAway() {
        ScriptValidation throwing = dryRun.validate("t.js", "function onItemCaptured(d) {}\nnull.x;");
        ScriptValidation endless = dryRun.validate("e.js", "for (;;) {}");

        assertThat(throwing.valid()).isFalse();
        assertThat(throwing.errors()).extracting(ScriptError::kind, ScriptError::line)
                .containsExactly(tuple(Kind.THROWN, 2));
        assertThat(throwing.hooks()).isEmpty();
        assertThat(endless.errors()).extracting(ScriptError::kind).containsExactly(Kind.STATEMENT_LIMIT);
    }

    @Test
    void outputBeyondTheBoundIsLeftOutWithOneErrorSayingSo() {
        DryRunResult result;
        // Ten thousand lines take a while on a busy machine: a wall time no run here reaches.
        try (var patient = new DryRun(runtime, new ScriptBudget(1_000_000, Duration.ofMinutes(1)), "n", Map.of(),
                Map.of())) {
            result = patient.run("chatty.js", """
                    for (var i = 0; i < 10005; i++) { console.log("line " + i); }
                    function onItemCaptured(data) { console.log("never kept"); metrics.increment("kept"); }
                    """, List.of(http("i", "/", 200)));
        }

        assertThat(result.console()).hasSize(DryRun.MAX_KEPT);
        assertThat(result.console().getLast().text()).isEqualTo("line 9999");
        assertThat(result.calls()).extracting(HelperCall::helper).containsExactly("metrics.increment");
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(Kind.INTERNAL);
            assertThat(error.message()).isEqualTo("more than 10000 console lines; the rest were left out");
        });
    }

    @Test
    void jsonLinesLeaveOutBlankLines() {
        assertThat(DryRun.jsonLines("{\"id\": 1}\n\n  \n{\"id\": 2}\n"))
                .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .containsExactly("{\"id\": 1}", "{\"id\": 2}");
    }
}
