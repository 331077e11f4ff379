package io.trawl.script.helper.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.model.job.JobRegistration;
import io.trawl.script.dryrun.DryRun;
import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.host.ScriptBudget;

class JobsHelperTest {

    private static JsRuntime runtime;
    private static DryRun dryRun;

    @BeforeAll
    static void start() {
        runtime = JsRuntime.start();
        dryRun = new DryRun(runtime, new ScriptBudget(1_000_000, Duration.ofSeconds(5)), "node-t", Map.of(),
                Map.of());
    }

    @AfterAll
    static void stop() {
        dryRun.close();
        runtime.close();
    }

    @Test
    void aDryRunRecordsSchedulingWithTheArgumentsAndListsTheJobs() {
        DryRunResult result = dryRun.run("reporter", """
                function report(verbose, n) { console.log("report", verbose, n); }
                jobs.schedule("report", "*/10 * * * * *", report, 3, true, 7);
                jobs.schedule("cleanup", "0 * * * * *", function () {});
                console.log(JSON.stringify(jobs.list()));
                jobs.remove("cleanup");
                console.log(JSON.stringify(jobs.list()));
                """, List.of());

        assertThat(result.errors()).isEmpty();
        assertThat(result.console()).extracting(line -> line.text())
                .containsExactly("[\"report\",\"cleanup\"]", "[\"report\"]");
        assertThat(result.calls()).extracting(call -> call.helper() + " " + call.arguments()).containsExactly(
                "jobs.schedule [report, */10 * * * * *, 3, true, 7]",
                "jobs.schedule [cleanup, 0 * * * * *, 0]",
                "jobs.remove [cleanup]");
    }

    @Test
    void anInvalidCronIsATypeErrorAtTheLineThatScheduled() {
        DryRunResult five = dryRun.run("bad", "var x = 1;\njobs.schedule(\"t\", \"* * * * *\", function () {});\n",
                List.of());
        DryRunResult nonsense = dryRun.run("bad", "jobs.schedule(\"t\", \"99 * * * * *\", function () {});",
                List.of());

        assertThat(five.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(2);
            assertThat(error.message()).startsWith("TypeError: jobs.schedule: cron \"* * * * *\" has 5 fields; it "
                    + "needs 6, seconds first");
        });
        assertThat(nonsense.errors()).singleElement().satisfies(error ->
                assertThat(error.message()).startsWith("TypeError: jobs.schedule: cron \"99 * * * * *\" is not valid"));
    }

    @Test
    void badTagsFunctionsLimitsAndUnknownRunsAreClearErrors() {
        assertThat(firstError("jobs.schedule('no spaces', '* * * * * *', function () {});"))
                .contains("tag \"no spaces\" is not valid");
        assertThat(firstError("jobs.schedule('t', '* * * * * *', 'not a function');"))
                .contains("fn must be a function");
        assertThat(firstError("jobs.schedule('t', '* * * * * *', function () {}, -1);"))
                .contains("limit must be 0 (unlimited) or more, was -1");
        assertThat(firstError("jobs.run('missing');")).contains("no job tagged \"missing\" in this script");
    }

    @Test
    void inTheServiceSchedulingRegistersAndTheContextKeepsTheFunction() {
        List<String> registrar = new ArrayList<>();
        var registry = new SimpleMeterRegistry();
        var helpers = new Helpers(ScriptEnv.empty(), "node-t", Effects.perform(), Helpers.standard(registry,
                new ScriptMetrics(registry, ScriptMetricLimits.defaults()), new JobRegistrar() {
                    @Override
                    public void register(JobRegistration job) {
                        registrar.add("register " + job);
                    }

                    @Override
                    public void remove(String script, String tag) {
                        registrar.add("remove " + script + "/" + tag);
                    }

                    @Override
                    public void runNow(String script, String tag) {
                        registrar.add("run " + script + "/" + tag);
                    }
                }));
        try (Context context = runtime.newContext()) {
            helpers.install(context, "svc");
            context.eval("js", "function tick(a) { return 'ticked ' + a; }\n"
                    + "jobs.schedule('tick', '*/5 * * * * *', tick, 0, 'x'); jobs.run('tick');");

            Map<String, ScheduledJob> jobs = JobsHelper.jobs(context.getBindings("js").getMember("jobs"));
            assertThat(jobs).containsOnlyKeys("tick");
            ScheduledJob tick = jobs.get("tick");
            assertThat(tick.function().execute(tick.arguments().toArray()).asString()).isEqualTo("ticked x");
        }
        assertThat(registrar).containsExactly(
                "register JobRegistration[script=svc, tag=tick, cron=*/5 * * * * *, limit=0, arguments=[\"x\"], "
                        + "scriptVersion=0]",
                "run svc/tick");
    }

    private static String firstError(String source) {
        DryRunResult result = dryRun.run("s", source, List.of());
        assertThat(result.errors()).isNotEmpty();
        return result.errors().getFirst().message();
    }
}
