package io.trawl.script.helper.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
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
import io.trawl.script.helper.ScriptRig;
import io.trawl.script.host.ScriptWatchdog;

class MetricHelpersTest {

    private static JsRuntime runtime;
    private static ScriptWatchdog watchdog;
    private PrometheusMeterRegistry registry;
    private ScriptMetrics metrics;
    private Helpers helpers;

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

    @BeforeEach
    void newRegistry() {
        withLimits(ScriptMetricLimits.defaults());
    }

    private void withLimits(ScriptMetricLimits limits) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new ScriptMetrics(registry, limits);
        helpers = new Helpers(ScriptEnv.empty(), "node-1", Effects.perform(), Helpers.standard(registry, metrics));
    }

    private List<String> scrape(String prefix) {
        return registry.scrape().lines().filter(line -> line.startsWith(prefix)).toList();
    }

    @Test
    void kubesharkMetricTypesBecomeACounterAGaugeAndAnUntypedGauge() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            rig.load("k.js", """
                    prometheus.metric("http_5xx", "Server errors", 1, 2, {status: "503"});
                    prometheus.metric("http_5xx", "Server errors", 1, 3, {status: "503"});
                    prometheus.metric("queue_depth", "Depth", 2, 7);
                    prometheus.metric("queue_depth", "Depth", 2, 4);
                    prometheus.metric("ratio", "Ratio", 3, 0.25);
                    """);

            assertThat(rig.output.errors()).isEmpty();
            assertThat(scrape("trawl_script_user_")).containsExactlyInAnyOrder(
                    "trawl_script_user_http_5xx_total{script=\"k.js\",status=\"503\"} 5.0",
                    "trawl_script_user_queue_depth{script=\"k.js\"} 4.0",
                    "trawl_script_user_ratio{script=\"k.js\"} 0.25");
            assertThat(registry.scrape()).contains("# HELP trawl_script_user_http_5xx_total Server errors",
                    "# TYPE trawl_script_user_http_5xx_total counter", "# TYPE trawl_script_user_ratio gauge");
        }
    }

    @Test
    void kubesharkVectorsTakeLabelsPerSampleAndAnswerOk() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            assertThat(rig.run("""
                    console.log(prometheus.vector("latency_avg", "Average latency", 2, 12.5, {path: "/a"}));
                    prometheus.vector("latency_avg", "Average latency", 2, 30, {path: "/b"});
                    prometheus.vector("calls", "Calls", 1, 1, {path: "/a", code: 200});
                    try { prometheus.vector("calls", "Calls", 3, 1, {}); } catch (e) { console.log(e.message); }
                    try { prometheus.vector("calls", "Calls", 1, 1); } catch (e) { console.log(e.message); }
                    """)).containsExactly("ok",
                    "prometheus.vector: type 3 is not 1 (counter vector) or 2 (gauge vector)",
                    "prometheus.vector: labels must be an object, was missing");
            assertThat(scrape("trawl_script_user_")).containsExactlyInAnyOrder(
                    "trawl_script_user_latency_avg{path=\"/a\",script=\"t.js\"} 12.5",
                    "trawl_script_user_latency_avg{path=\"/b\",script=\"t.js\"} 30.0",
                    "trawl_script_user_calls_total{code=\"200\",path=\"/a\",script=\"t.js\"} 1.0");
        }
    }

    @Test
    void trawlMetricsIncrementSetAndObserveIntoAHistogram() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            rig.load("m.js", """
                    function onItemCaptured(data) {
                      metrics.increment("items");
                      metrics.increment("bytes", data.responseSize, {proto: data.protocol.name});
                      metrics.gauge("last_status", data.response.status);
                      metrics.observe("latency_ms", data.elapsedTime, {proto: data.protocol.name});
                    }
                    """);
            rig.item("""
                    {"protocol": {"name": "http"}, "response": {"status": 200}, "responseSize": 100, "elapsedTime": 3}""");
            rig.item("""
                    {"protocol": {"name": "http"}, "response": {"status": 503}, "responseSize": 50, "elapsedTime": 40}""");

            assertThat(rig.output.errors()).isEmpty();
            assertThat(scrape("trawl_script_user_")).contains(
                    "trawl_script_user_items_total{script=\"m.js\"} 2.0",
                    "trawl_script_user_bytes_total{proto=\"http\",script=\"m.js\"} 150.0",
                    "trawl_script_user_last_status{script=\"m.js\"} 503.0",
                    "trawl_script_user_latency_ms_bucket{proto=\"http\",script=\"m.js\",le=\"2.5\"} 0",
                    "trawl_script_user_latency_ms_bucket{proto=\"http\",script=\"m.js\",le=\"5.0\"} 1",
                    "trawl_script_user_latency_ms_bucket{proto=\"http\",script=\"m.js\",le=\"50.0\"} 2",
                    "trawl_script_user_latency_ms_count{proto=\"http\",script=\"m.js\"} 2",
                    "trawl_script_user_latency_ms_sum{proto=\"http\",script=\"m.js\"} 43.0");
        }
    }

    @Test
    void gaugeKeepsItsValueAfterGarbageCollection() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            rig.run("metrics.gauge('temperature', 21.5);");
            // The registry holds a gauge's state weakly: a full collection clears it unless held elsewhere.
            System.gc();
            System.gc();
            assertThat(scrape("trawl_script_user_temperature")).containsExactly(
                    "trawl_script_user_temperature{script=\"t.js\"} 21.5");
        }
    }

    @Test
    void badNamesLabelsAndValuesAreTypeErrorsNamingTheArgument() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            assertThat(rig.run("""
                    function t(f) { try { f(); console.log("accepted"); } catch (e) { console.log(e.name + ": " + e.message); } }
                    t(function () { metrics.increment("bad-name"); });
                    t(function () { metrics.increment(new Array(102).join("a")); });
                    t(function () { metrics.increment(42); });
                    t(function () { metrics.increment("x", 1, {script: "spoof"}); });
                    t(function () { metrics.increment("x", 1, {__name__: "y"}); });
                    t(function () { metrics.increment("x", 1, {"a-b": "y"}); });
                    t(function () { metrics.increment("x", 1, {a: {nested: 1}}); });
                    t(function () { metrics.increment("x", -1); });
                    t(function () { metrics.observe("x", NaN); });
                    t(function () { prometheus.metric("x", "d", 4, 1); });
                    t(function () { prometheus.metric("x", "d", 1, -2); });
                    t(function () { prometheus.metric("x", 5, 1, 1); });
                    t(function () { metrics.gauge("ok_name", -3, {a: 1, b: true}); });
                    """)).containsExactly(
                    "TypeError: metrics.increment: name \"bad-name\" is not a valid metric name: use letters, digits "
                            + "and '_', not starting with a digit, at most 100 characters",
                    "TypeError: metrics.increment: name \"" + "a".repeat(40) + "...\" is not a valid metric name: "
                            + "use letters, digits and '_', not starting with a digit, at most 100 characters",
                    "TypeError: metrics.increment: name must be a string, was number 42",
                    "TypeError: metrics.increment: label name \"script\" is reserved: 'script' is added by Trawl "
                            + "and names starting with '__' belong to Prometheus",
                    "TypeError: metrics.increment: label name \"__name__\" is reserved: 'script' is added by Trawl "
                            + "and names starting with '__' belong to Prometheus",
                    "TypeError: metrics.increment: label name \"a-b\" is not valid: use letters, digits and '_', "
                            + "not starting with a digit, at most 100 characters",
                    "TypeError: metrics.increment: labels.a must be a string, number or boolean, was an object",
                    "TypeError: metrics.increment: amount -1 is negative; a counter takes values of 0 or more",
                    "TypeError: metrics.observe: value must be a finite number, was number NaN",
                    "TypeError: prometheus.metric: type 4 is not 1 (counter), 2 (gauge) or 3 (untyped)",
                    "TypeError: prometheus.metric: value -2 is negative; a counter (type 1) only goes up",
                    "TypeError: prometheus.metric: description must be a string, was number 5",
                    "accepted");
            assertThat(scrape("trawl_script_user_")).containsExactly(
                    "trawl_script_user_ok_name{a=\"1\",b=\"true\",script=\"t.js\"} -3.0");
        }
    }

    @Test
    void labelValuesAreCutTo128Characters() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            rig.run("metrics.increment('paths', 1, {path: '/' + new Array(300).join('p')});");

            assertThat(scrape("trawl_script_user_paths_total")).containsExactly(
                    "trawl_script_user_paths_total{path=\"/" + "p".repeat(127) + "\",script=\"t.js\"} 1.0");
        }
    }

    @Test
    void labelSetsBeyondTheBoundAreRefusedNamedAndCounted() {
        withLimits(new ScriptMetricLimits(3, 100, ScriptMetricLimits.DEFAULT_BUCKETS));
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            assertThat(rig.run("""
                    for (var i = 0; i < 5; i++) {
                      try { metrics.increment("by_user", 1, {user: "u" + i}); }
                      catch (e) { console.log(e.name, e.message); }
                    }
                    metrics.increment("by_user", 1, {user: "u0"});
                    """)).containsExactly(
                    "Error metrics.increment: metric \"by_user\" already has 3 label sets, the most allowed per "
                            + "metric; the label set {user=u3} was refused",
                    "Error metrics.increment: metric \"by_user\" already has 3 label sets, the most allowed per "
                            + "metric; the label set {user=u4} was refused");
            assertThat(scrape("trawl_script_user_by_user_total")).containsExactlyInAnyOrder(
                    "trawl_script_user_by_user_total{script=\"t.js\",user=\"u0\"} 2.0",
                    "trawl_script_user_by_user_total{script=\"t.js\",user=\"u1\"} 1.0",
                    "trawl_script_user_by_user_total{script=\"t.js\",user=\"u2\"} 1.0");
            assertThat(registry.get(ScriptMetrics.REJECTED).tags("script", "t.js", "reason", "label-sets")
                    .counter().count()).isEqualTo(2.0);
        }
    }

    @Test
    void metricsPerScriptBeyondTheBoundAreRefusedButOtherScriptsHaveTheirOwnBound() {
        withLimits(new ScriptMetricLimits(1_000, 2, ScriptMetricLimits.DEFAULT_BUCKETS));
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            assertThat(rig.run("""
                    metrics.gauge("one", 1); metrics.gauge("two", 2); metrics.gauge("one", 11, {again: "yes"});
                    try { metrics.gauge("three", 3); } catch (e) { console.log(e.message); }
                    """)).containsExactly("metrics.gauge: metric \"three\" refused: script \"t.js\" already has 2 "
                    + "metrics, the most allowed per script");
            rig.load("other.js", "metrics.gauge('three', 3);");

            assertThat(scrape("trawl_script_user_three")).containsExactly(
                    "trawl_script_user_three{script=\"other.js\"} 3.0");
            assertThat(registry.get(ScriptMetrics.REJECTED).tags("script", "t.js", "reason", "metrics")
                    .counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void aNameKeepsItsFirstTypeAcrossCallsAndScripts() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            assertThat(rig.run("""
                    metrics.increment("requests");
                    try { metrics.gauge("requests", 5); } catch (e) { console.log(e.name, e.message); }
                    try { prometheus.metric("requests", "d", 3, 1, {x: "1"}); } catch (e) { console.log(e.message); }
                    """)).containsExactly(
                    "Error metrics.gauge: metric \"requests\" is a counter; it cannot also be a gauge (a metric name "
                            + "keeps its first type, across all scripts)",
                    "prometheus.metric: metric \"requests\" is a counter; it cannot also be a gauge (a metric name "
                            + "keeps its first type, across all scripts)");
            rig.load("other.js", "try { metrics.observe('requests', 1); } catch (e) { console.log(e.message); }");

            assertThat(rig.output.texts("other.js")).containsExactly("metrics.observe: metric \"requests\" is a "
                    + "counter; it cannot also be a histogram (a metric name keeps its first type, across all scripts)");
            assertThat(scrape("trawl_script_user_requests")).containsExactly(
                    "trawl_script_user_requests_total{script=\"t.js\"} 1.0");
            assertThat(registry.get(ScriptMetrics.REJECTED).tags("reason", "type").counters())
                    .extracting(counter -> counter.getId().getTag("script"), counter -> counter.count())
                    .containsExactlyInAnyOrder(
                            tuple("t.js", 2.0),
                            tuple("other.js", 1.0));
        }
    }

    @Test
    void droppingAScriptRemovesItsMetersAndFreesItsNames() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers)) {
            rig.load("gone.js", "metrics.increment('shared'); metrics.gauge('mine', 1); test.pass({});");
            rig.load("stays.js", "metrics.increment('shared');");

            helpers.forget("gone.js");

            assertThat(scrape("trawl_script_user_")).containsExactly(
                    "trawl_script_user_shared_total{script=\"stays.js\"} 1.0");
            assertThat(registry.scrape()).doesNotContain("gone.js");
            assertThat(metrics.names("gone.js")).isEmpty();
            // The name "mine" is free again, for any type.
            rig.load("new.js", "metrics.observe('mine', 1);");
            assertThat(rig.output.errors()).isEmpty();
        }
    }

    @Test
    void aDryRunRecordsValidatedCallsAndLeavesTheRegistryAlone() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers, true)) {
            assertThat(rig.run("""
                    console.log(prometheus.vector("v", "d", 2, 1.5, {a: 1}));
                    prometheus.metric("m", "d", 1, 2);
                    metrics.increment("c");
                    metrics.observe("h", 3, {p: "/x"});
                    try { metrics.increment("9bad"); } catch (e) { console.log(e.message); }
                    """)).containsExactly("ok",
                    "metrics.increment: name \"9bad\" is not a valid metric name: use letters, digits and '_', not "
                            + "starting with a digit, at most 100 characters");

            assertThat(rig.calls).extracting(HelperCall::toString).containsExactly(
                    "prometheus.vector(\"v\", \"d\", 2, 1.5, {\"a\":\"1\"})",
                    "prometheus.metric(\"m\", \"d\", 1, 2, {})",
                    "metrics.increment(\"c\", 1, {})",
                    "metrics.observe(\"h\", 3, {\"p\":\"/x\"})");
            assertThat(rig.calls.getFirst().arguments()).containsExactly("v", "d", 2, 1.5, Map.of("a", "1"));
            assertThat(scrape("trawl_script_")).isEmpty();
        }
    }
}
