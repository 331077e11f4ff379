package io.trawl.script.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.graalvm.polyglot.proxy.ProxyObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptWatchdog;

class CoreHelpersTest {

    private static final String ITEM = """
            {"id": "local/tcp-1-0-0", "request": {"path": "/a"}, "response": {"status": 500}}""";

    private static JsRuntime runtime;
    private static ScriptWatchdog watchdog;

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

    private static Helpers helpers(ScriptEnv env, SimpleMeterRegistry registry) {
        return new Helpers(env, "node-7", Effects.perform(),
                Helpers.standard(registry, new ScriptMetrics(registry, ScriptMetricLimits.defaults())));
    }

    private static Helpers helpers(ScriptEnv env) {
        return helpers(env, new SimpleMeterRegistry());
    }

    @Test
    void envShowsGlobalValuesWithTheScriptsOwnOverridesAsStrings() {
        var env = new ScriptEnv(Map.of("REGION", "eu-west-1", "LEVEL", "info"),
                Map.of("t.js", Map.of("LEVEL", "debug"), "other.js", Map.of("LEVEL", "trace")));
        try (var rig = new ScriptRig(runtime, watchdog, helpers(env))) {
            assertThat(rig.run("""
                    console.log(env.REGION, env.LEVEL, typeof env.LEVEL, typeof env.MISSING, env["REGION"]);
                    console.log(Object.keys(env).sort().join(","));
                    """)).containsExactly("eu-west-1 debug string undefined eu-west-1", "LEVEL,REGION");
        }
    }

    @Test
    void envIsReadOnly() {
        var env = new ScriptEnv(Map.of("LEVEL", "info"), Map.of());
        try (var rig = new ScriptRig(runtime, watchdog, helpers(env))) {
            assertThat(rig.run("""
                    env.LEVEL = "changed"; delete env.LEVEL; env.NEW = "x";
                    console.log(env.LEVEL, typeof env.NEW);
                    try { (function () { "use strict"; env.LEVEL = "strict"; })(); }
                    catch (e) { console.log(e instanceof TypeError); }
                    """)).containsExactly("info undefined", "true");
        }
    }

    @Test
    void nodeNameIsTheNodeGivenAtConstruction() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers(ScriptEnv.empty()))) {
            assertThat(rig.run("console.log(utils.nodeName(), typeof utils.nodeName());"))
                    .containsExactly("node-7 string");
        }
    }

    @Test
    void testVerdictsReturnTheItemUnchangedAndAreCountedPerScriptAndOutcome() {
        var registry = new SimpleMeterRegistry();
        try (var rig = new ScriptRig(runtime, watchdog, helpers(ScriptEnv.empty(), registry))) {
            rig.load("verdict.js", """
                    function onItemCaptured(data) {
                      var back = data.response.status >= 500 ? test.fail(data) : test.pass(data);
                      console.log(back === data, back.request.path, back.passed, back.failed);
                    }
                    """);
            rig.item(ITEM);
            rig.item(ITEM);
            rig.item(ITEM.replace("500", "200"));

            assertThat(rig.output.texts("verdict.js")).containsOnly("true /a undefined undefined").hasSize(3);
            assertThat(registry.get(TestHelper.OUTCOMES).tags("script", "verdict.js", "outcome", "fail")
                    .counter().count()).isEqualTo(2.0);
            assertThat(registry.get(TestHelper.OUTCOMES).tags("script", "verdict.js", "outcome", "pass")
                    .counter().count()).isEqualTo(1.0);
            assertThat(rig.calls).isEmpty();
        }
    }

    @Test
    void testVerdictsInADryRunAreRecordedWithTheItemIdAndNotCounted() {
        var registry = new SimpleMeterRegistry();
        try (var rig = new ScriptRig(runtime, watchdog, helpers(ScriptEnv.empty(), registry), true)) {
            rig.load("verdict.js", """
                    function onItemCaptured(data) { test.fail(data); test.pass({}); test.pass(); }
                    """);
            rig.item(ITEM);

            assertThat(rig.calls).extracting(HelperCall::helper, HelperCall::arguments).containsExactly(
                    tuple("test.fail", List.of("local/tcp-1-0-0")),
                    tuple("test.pass", Arrays.asList((Object) null)),
                    tuple("test.pass", Arrays.asList((Object) null)));
            assertThat(rig.calls.getFirst().toString()).isEqualTo("test.fail(\"local/tcp-1-0-0\")");
            assertThat(registry.find(TestHelper.OUTCOMES).meters()).isEmpty();
        }
    }

    @Test
    void badArgumentThrowsATypeErrorTheScriptCanCatchNamingHelperAndArgument() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers(ScriptEnv.empty()))) {
            assertThat(rig.run("""
                    try { prometheus.metric("9x", "d", 1, 1); }
                    catch (e) { console.log(e instanceof TypeError, e.message); }
                    try { metrics.increment("ok", "two"); }
                    catch (e) { console.log(e.name, e.message); }
                    """)).containsExactly(
                    "true prometheus.metric: name \"9x\" is not a valid metric name: use letters, digits and '_', "
                            + "not starting with a digit, at most 100 characters",
                    "TypeError metrics.increment: amount must be a number, was string \"two\"");
        }
    }

    @Test
    void uncaughtHelperErrorIsAScriptErrorAtTheLineOfTheCall() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers(ScriptEnv.empty()))) {
            rig.load("bad.js", """
                    function onItemCaptured(data) {
                      metrics.gauge("inflight");
                    }
                    """);
            rig.item(ITEM);

            assertThat(rig.output.errors()).singleElement().satisfies(error -> {
                assertThat(error.kind()).isEqualTo(ScriptError.Kind.THROWN);
                assertThat(error.message()).isEqualTo("TypeError: metrics.gauge: value must be a number, was missing");
                assertThat(error.line()).isEqualTo(2);
            });
        }
    }

    @Test
    void helpersCannotBeChangedByTheScriptForOtherScripts() {
        try (var rig = new ScriptRig(runtime, watchdog, helpers(ScriptEnv.empty()))) {
            rig.load("a.js", "utils.nodeName = function () { return 'fake'; }; utils = null;");
            rig.load("b.js", "console.log(utils.nodeName());");
            assertThat(rig.output.texts("b.js")).containsExactly("node-7");
        }
    }

    @Test
    void aLaterHelperPlugsInPerformingInTheServiceAndRecordingInADryRun() {
        var sent = new CopyOnWriteArrayList<String>();
        Helper pager = new Helper() {
            @Override
            public String global() {
                return "pager";
            }

            @Override
            public ProxyObject create(ScriptScope scope) {
                return GuestObject.of(Map.of("page", scope.function("pager.page", args -> {
                    String text = new Arguments(args).string(0, "text");
                    scope.effect("pager.page", List.of(text), () -> sent.add(scope.script() + ": " + text));
                    return null;
                })));
            }
        };
        Helpers service = helpers(ScriptEnv.empty()).with(List.of(pager));
        String source = "pager.page('disk full'); try { pager.page(1); } catch (e) { console.log(e.message); }";

        try (var live = new ScriptRig(runtime, watchdog, service);
             var dry = new ScriptRig(runtime, watchdog, service, true)) {
            live.load("p.js", source);
            dry.load("p.js", source);

            assertThat(sent).containsExactly("p.js: disk full");
            assertThat(dry.calls).containsExactly(new HelperCall("p.js", "pager.page", List.of("disk full")));
            assertThat(live.output.texts("p.js")).containsExactly("pager.page: text must be a string, was number 1");
            assertThat(dry.output.texts("p.js")).isEqualTo(live.output.texts("p.js"));
        }
    }

    @Test
    void twoHelpersWithOneGlobalAreRefused() {
        assertThatThrownBy(() -> new Helpers(ScriptEnv.empty(), "n", Effects.perform(),
                List.of(new EnvHelper(), new EnvHelper())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'env'");
    }
}
