package io.trawl.script.helper.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.model.action.ActionJson;
import io.trawl.model.action.ActionRequest;
import io.trawl.script.dryrun.DryRun;
import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.ScriptRig;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptWatchdog;

/** What every action helper shares: secrets as references, the bounds, origins, and dry runs. */
class ScriptActionsTest {

    private static final String SLACK_TOKEN = "xoxb-1111-2222-abcdefghijkl";
    private static final String HOOK_URL = "https://hooks.example.test/services/T0/B0/s3cr3tpath";
    private static final String PASSWORD = "correct-horse-battery";

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

    private static ScriptEnv secrets() {
        return new ScriptEnv(Map.of("CHANNEL", "#alerts"), Map.of("alerts", Map.of("SLACK_TOKEN", SLACK_TOKEN,
                "ALERT_WEBHOOK_URL", HOOK_URL, "DB_PASSWORD", PASSWORD)));
    }

    @Test
    void secretEnvValuesLeaveTheRunnerOnlyAsReferences() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(secrets()))) {
            rig.load("alerts", """
                    vendor.slackBot(env.SLACK_TOKEN, env.CHANNEL, "login", "password was " + env.DB_PASSWORD, "danger",
                        {token: env.SLACK_TOKEN}, [{name: "note.txt", content: "token " + env.SLACK_TOKEN}]);
                    vendor.webhook("POST", env.ALERT_WEBHOOK_URL, {nested: {pw: env.DB_PASSWORD}},
                        {Authorization: "Bearer " + env.SLACK_TOKEN});
                    vendor.slack(env.ALERT_WEBHOOK_URL, "p", "t", "good");
                    """);
            assertThat(rig.output.errors()).isEmpty();
        }
        assertThat(published.actions).hasSize(3);
        for (ActionRequest action : published.actions) {
            String record = new String(ActionJson.encode(action), StandardCharsets.UTF_8);
            assertThat(record).doesNotContain(SLACK_TOKEN, HOOK_URL, PASSWORD, "s3cr3tpath");
        }
        assertThat(published.params()).containsExactly(
                "{\"token\":\"${env:SLACK_TOKEN}\",\"channel\":\"#alerts\",\"pretext\":\"login\","
                        + "\"text\":\"password was ${env:DB_PASSWORD}\",\"color\":\"danger\","
                        + "\"fields\":[{\"title\":\"token\",\"value\":\"${env:SLACK_TOKEN}\",\"short\":true}],"
                        + "\"files\":[{\"name\":\"note.txt\",\"content\":\"token ${env:SLACK_TOKEN}\"}]}",
                "{\"method\":\"POST\",\"url\":\"${env:ALERT_WEBHOOK_URL}\","
                        + "\"body\":\"{\\\"nested\\\":{\\\"pw\\\":\\\"${env:DB_PASSWORD}\\\"}}\","
                        + "\"headers\":{\"Authorization\":\"Bearer ${env:SLACK_TOKEN}\","
                        + "\"Content-Type\":\"application/json\"}}",
                "{\"webhookUrl\":\"${env:ALERT_WEBHOOK_URL}\",\"pretext\":\"p\",\"text\":\"t\",\"color\":\"good\"}");
    }

    @Test
    void beyondTheRateBoundAHelperThrowsAndTheBudgetRefillsOverTheMinute() {
        var published = new PublishedActions();
        var limits = new ActionLimits(3, Duration.ofMinutes(10), 512 * 1024);
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty(), limits))) {
            rig.load("noisy", """
                    function onItemCaptured(data) {
                      for (var i = 0; i < 5; i++) {
                        vendor.slack("https://hooks.example.test/x", "p", "alert " + i, "good");
                      }
                    }
                    """);
            rig.item("{\"id\": \"a\"}");
            assertThat(published.actions).hasSize(3);
            assertThat(rig.output.errors()).singleElement().satisfies(error -> {
                assertThat(error.kind()).isEqualTo(ScriptError.Kind.THROWN);
                assertThat(error.hook()).isEqualTo("onItemCaptured");
                assertThat(error.message()).isEqualTo("Error: vendor.slack: script \"noisy\" reached its bound of 3 "
                        + "actions per minute (trawl.script.max-actions-per-minute); this call was refused");
                assertThat(error.line()).isEqualTo(3);
                assertThat(error.column()).isEqualTo(5);
            });

            published.nanos.addAndGet(Duration.ofSeconds(20).toNanos());
            rig.item("{\"id\": \"b\"}");
            assertThat(published.actions).hasSize(4);
        }
    }

    @Test
    void aRequestLargerThanTheBoundIsRefused() {
        var published = new PublishedActions();
        var limits = new ActionLimits(600, Duration.ofMinutes(10), 1024);
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty(), limits))) {
            assertThat(rig.host.load("big", "vendor.webhook('POST', 'https://x.test/', new Array(2000).join('a'));"))
                    .hasValueSatisfying(error -> assertThat(error.message()).isEqualTo("Error: vendor.webhook: the "
                            + "request is 2063 bytes of JSON, more than the 1024 allowed (trawl.script.max-action-size); "
                            + "send less content"));
        }
        assertThat(published.actions).isEmpty();
    }

    @Test
    void theOriginNamesTopLevelCodeTheHookOrTheJob() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty()))) {
            assertThat(rig.host.load("origins", 4, """
                    function send() { vendor.webhook("GET", "https://x.test/"); }
                    send();
                    jobs.schedule("report", "*/10 * * * * *", send);
                    function onItemCaptured(data) { send(); }
                    function onJobPassed(tag) { send(); }
                    """)).isEmpty();
            rig.item("{\"id\": \"a\"}");
            rig.host.runJob("origins", "report");
        }
        assertThat(published.actions).extracting(ActionRequest::origin)
                .containsExactly("load", "onItemCaptured", "job:report", "onJobPassed");
        assertThat(published.actions).extracting(ActionRequest::scriptVersion).containsOnly(4);
        assertThat(published.actions).extracting(ActionRequest::id).doesNotHaveDuplicates();
    }

    @Test
    void aDryRunRecordsWhatWouldBePublishedAndPublishesNothing() {
        var published = new PublishedActions();
        var limits = new ActionLimits(2, Duration.ofMinutes(10), 512 * 1024);
        try (var dryRun = new DryRun(runtime, ScriptRig.BUDGET, published.helpers(secrets(), limits))) {
            String source = """
                    function onItemCaptured(data) {
                      var id = pcap.snapshot({from: data.timestamp - 30000, to: data.timestamp, reason: "burst"});
                      vendor.webhook("POST", env.ALERT_WEBHOOK_URL, {snapshot: id});
                    }
                    """;
            List<byte[]> item = List.of("{\"id\": \"a\", \"timestamp\": 1795843009713}".getBytes(StandardCharsets.UTF_8));
            DryRunResult first = dryRun.run("alerts", source, item);
            DryRunResult second = dryRun.run("alerts", source, item);

            assertThat(first.errors()).isEmpty();
            assertThat(first.lines()).containsExactly(
                    "call: pcap.snapshot({\"snapshot\":\"alerts-dry-run-1\",\"from\":1795842979713,"
                            + "\"to\":1795843009713,\"reason\":\"burst\"})",
                    "call: vendor.webhook({\"method\":\"POST\",\"url\":\"${env:ALERT_WEBHOOK_URL}\","
                            + "\"body\":\"{\\\"snapshot\\\":\\\"alerts-dry-run-1\\\"}\","
                            + "\"headers\":{\"Content-Type\":\"application/json\"}})");
            // Each run has its own budget of 2 and its own snapshot numbering.
            assertThat(second.lines()).isEqualTo(first.lines());
        }
        assertThat(published.actions).isEmpty();
    }
}
