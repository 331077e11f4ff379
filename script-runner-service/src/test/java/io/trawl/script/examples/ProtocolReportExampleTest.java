package io.trawl.script.examples;

import static io.trawl.script.examples.ExampleRig.calls;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.job.JobsHelper;
import io.trawl.script.helper.job.ScheduledJob;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.item.ItemView;

/** {@code scripts/examples/protocol-report.js}: aggregate in the hook, report from a job. */
class ProtocolReportExampleTest {

    private static ExampleRig rig;

    @BeforeAll
    static void start() {
        rig = new ExampleRig();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void schedulesItsReportEveryTenSecondsUnlessTheEnvSaysOtherwise() {
        DryRunResult standard = rig.onCapture("protocol-report", Map.of());
        DryRunResult tuned = rig.onCapture("protocol-report", Map.of("PROTOCOL_REPORT_CRON", "0 * * * * *"));

        assertThat(standard.errors()).isEmpty();
        assertThat(calls(standard, "jobs.schedule")).singleElement().satisfies(call -> assertThat(call.arguments())
                .containsExactly("protocol-report", "*/10 * * * * *", 0L, "items in the last period:"));
        assertThat(calls(tuned, "jobs.schedule")).singleElement()
                .satisfies(call -> assertThat(call.arguments().get(1)).isEqualTo("0 * * * * *"));
        // The hook never prints: only the job does.
        assertThat(standard.console()).isEmpty();
    }

    @Test
    void theJobReportsTheCountsOfThePeriodThenStartsANewOne() {
        var registry = new SimpleMeterRegistry();
        var helpers = new Helpers(ScriptEnv.empty(), "node-1", Effects.perform(),
                Helpers.standard(registry, new ScriptMetrics(registry, ScriptMetricLimits.defaults())));
        try (JsRuntime runtime = JsRuntime.start(); Context context = runtime.newContext()) {
            helpers.install(context, "protocol-report");
            context.eval("js", "var lines = []; console = {log: function (l) { lines.push(l); }, error: function () {}};");
            context.eval("js", ExampleRig.source("protocol-report"));
            var hook = context.getBindings("js").getMember("onItemCaptured");
            for (byte[] item : ExampleRig.captureItems()) {
                hook.executeVoid(ItemView.parse(item));
            }
            ScheduledJob job = JobsHelper.jobs(context.getBindings("js").getMember("jobs")).get("protocol-report");
            job.function().executeVoid(job.arguments().toArray());
            job.function().executeVoid(job.arguments().toArray());

            // examples.pcap: 74 HTTP and 11 DNS items; the second run has nothing new to say.
            assertThat(context.eval("js", "JSON.stringify(lines)").asString())
                    .isEqualTo("[\"items in the last period: dns=11 http=74 (85 in all)\"]");
        }
    }
}
