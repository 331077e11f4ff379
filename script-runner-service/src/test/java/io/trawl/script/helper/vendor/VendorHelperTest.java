package io.trawl.script.helper.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.ScriptRig;
import io.trawl.script.helper.action.PublishedActions;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptWatchdog;

class VendorHelperTest {

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

    @Test
    void slackPublishesOneActionWithTheEnvelopeAndReturnsUndefined() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty()))) {
            assertThat(rig.host.load("alerts", 7, """
                    var r = vendor.slack("https://hooks.example.test/services/T1/B2", "Burst", "3 errors", "danger");
                    console.log(typeof r);
                    """)).isEmpty();

            assertThat(rig.output.texts("alerts")).containsExactly("undefined");
        }
        ActionRequest action = published.actions.getFirst();
        assertThat(action.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(action).isEqualTo(new ActionRequest(action.id(), ActionKind.SLACK, "alerts", 7, "load", "node-7",
                PublishedActions.NOW, null, "{\"webhookUrl\":\"https://hooks.example.test/services/T1/B2\","
                + "\"pretext\":\"Burst\",\"text\":\"3 errors\",\"color\":\"danger\"}"));
    }

    @Test
    void slackBotTakesFieldsAsAnObjectOrAnArrayAndFilesAsTextOrSnapshots() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty()))) {
            rig.load("alerts", """
                    vendor.slackBot("xoxb-1", "#alerts", "Burst", "3 errors", "warning", {count: 3, path: "/api"});
                    vendor.slackBot("xoxb-1", "C0123", "Burst", "3 errors", undefined,
                        [{title: "count", value: 3, short: true}, {title: "paths", value: "/a /b"}],
                        [{name: "items.json", content: "[]"}, {name: "evidence.pcap", snapshot: "alerts-20261128T051650Z-0a1b2c3d4e5f"}]);
                    """);
        }
        assertThat(published.actions).extracting(ActionRequest::kind).containsOnly(ActionKind.SLACK_BOT);
        assertThat(published.params()).containsExactly(
                "{\"token\":\"xoxb-1\",\"channel\":\"#alerts\",\"pretext\":\"Burst\",\"text\":\"3 errors\","
                        + "\"color\":\"warning\",\"fields\":[{\"title\":\"count\",\"value\":\"3\",\"short\":true},"
                        + "{\"title\":\"path\",\"value\":\"/api\",\"short\":true}],\"files\":[]}",
                "{\"token\":\"xoxb-1\",\"channel\":\"C0123\",\"pretext\":\"Burst\",\"text\":\"3 errors\","
                        + "\"color\":\"\",\"fields\":[{\"title\":\"count\",\"value\":\"3\",\"short\":true},"
                        + "{\"title\":\"paths\",\"value\":\"/a /b\",\"short\":false}],"
                        + "\"files\":[{\"name\":\"items.json\",\"content\":\"[]\"},"
                        + "{\"name\":\"evidence.pcap\",\"snapshot\":\"alerts-20261128T051650Z-0a1b2c3d4e5f\"}]}");
    }

    @Test
    void webhookSendsAnObjectBodyAsJsonAndKeepsAStringBodyAsItIs() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty()))) {
            rig.load("hooks", """
                    function onItemCaptured(data) {
                      vendor.webhook("post", "http://127.0.0.1:9/alert", {id: data.id, n: [1, 2]}, {"X-Trace": 5});
                      vendor.webhook("PUT", "https://example.test/a?b=c", "plain", {"content-type": "text/csv"});
                      vendor.webhook("GET", "https://example.test/ping");
                    }
                    """);
            rig.item("{\"id\": \"local/tcp-1-0-0\"}");
            assertThat(rig.output.errors()).isEmpty();
        }
        assertThat(published.actions).extracting(ActionRequest::origin).containsOnly("onItemCaptured");
        assertThat(published.params()).containsExactly(
                "{\"method\":\"POST\",\"url\":\"http://127.0.0.1:9/alert\",\"body\":\"{\\\"id\\\":\\\"local/tcp-1-0-0\\\","
                        + "\\\"n\\\":[1,2]}\",\"headers\":{\"X-Trace\":\"5\",\"Content-Type\":\"application/json\"}}",
                "{\"method\":\"PUT\",\"url\":\"https://example.test/a?b=c\",\"body\":\"plain\","
                        + "\"headers\":{\"content-type\":\"text/csv\"}}",
                "{\"method\":\"GET\",\"url\":\"https://example.test/ping\",\"body\":\"\",\"headers\":{}}");
    }

    @Test
    void s3PutTakesTrawlsSignatureAndRefusesKubesharksCredentials() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty()))) {
            rig.load("reports", """
                    vendor.s3.put("trawl-reports", "daily/2026-11-28.json", {total: 3});
                    vendor.s3.put("trawl-reports", "daily/notes.txt", "three", "text/markdown");
                    try {
                      vendor.s3.put("trawl-reports", "/tmp/x.pcap", "eu-west-1", "AKIA", "secret");
                    } catch (e) { console.log(e.name + ": " + e.message); }
                    """);
            assertThat(rig.output.texts("reports")).containsExactly("TypeError: vendor.s3.put: takes (bucket, key, "
                    + "content, contentType?), was given 5 arguments: credentials, region and endpoint come from "
                    + "integrations-service's configuration, and there are no local files to upload");
        }
        assertThat(published.params()).containsExactly(
                "{\"bucket\":\"trawl-reports\",\"key\":\"daily/2026-11-28.json\",\"content\":\"{\\\"total\\\":3}\","
                        + "\"contentType\":\"application/json\"}",
                "{\"bucket\":\"trawl-reports\",\"key\":\"daily/notes.txt\",\"content\":\"three\","
                        + "\"contentType\":\"text/markdown\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "vendor.webhook('FETCH', 'https://x.test/', '')|TypeError: vendor.webhook: method \"FETCH\" is not one Trawl sends; use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS",
            "vendor.webhook('POST', 'ftp://x.test/f', '')|TypeError: vendor.webhook: url must be an http or https URL, not ftp:",
            "vendor.webhook('POST', 'x.test/f', '')|TypeError: vendor.webhook: url must be an http or https URL, with its scheme",
            "vendor.webhook('POST', 'https://x.test/a b', '')|TypeError: vendor.webhook: url is not a valid URL: Illegal character in path at index 16",
            "vendor.webhook('POST', 'https://x.test/', '', 'X-A: 1')|TypeError: vendor.webhook: headers must be an object, was string \"X-A: 1\"",
            "vendor.webhook('POST', 'https://x.test/', '', {'X A': '1'})|TypeError: vendor.webhook: headers: \"X A\" is not a valid header name",
            "vendor.webhook('POST', 'https://x.test/', 42)|TypeError: vendor.webhook: body must be a string, or an object or array sent as JSON, was number 42",
            "vendor.slack('mailto:a@x.test', 'p', 't', 'good')|TypeError: vendor.slack: webhookUrl must be an http or https URL, not mailto:",
            "vendor.slack('https://x.test/h', 'p')|TypeError: vendor.slack: text must be a string, was missing",
            "vendor.slackBot('xoxb-1', undefined, 'p', 't')|TypeError: vendor.slackBot: channel must be a string, was undefined",
            "vendor.slackBot('xoxb-1', ' ', 'p', 't')|TypeError: vendor.slackBot: channel must not be empty",
            "vendor.slackBot('xoxb-1', '#a', 'p', 't', 'good', 'count=3')|TypeError: vendor.slackBot: fields must be an object {title: value} or an array of {title, value, short}, was string \"count=3\"",
            "vendor.slackBot('xoxb-1', '#a', 'p', 't', 'good', [{title: 'n', value: {}}])|TypeError: vendor.slackBot: fields[0].value must be a string, number or boolean, was an object",
            "vendor.slackBot('xoxb-1', '#a', 'p', 't', 'good', {}, {'a.pcap': '/tmp/a.pcap'})|TypeError: vendor.slackBot: files must be an array of {name, content} or {name, snapshot}, was an object (Trawl attaches no local files by path)",
            "vendor.slackBot('xoxb-1', '#a', 'p', 't', 'good', {}, [{name: 'a.pcap'}])|TypeError: vendor.slackBot: files[0] needs either content (text) or snapshot (an id pcap.snapshot returned), not neither",
            "vendor.slackBot('xoxb-1', '#a', 'p', 't', 'good', {}, [{name: '../a', content: 'x'}])|TypeError: vendor.slackBot: files[0].name must be a file name of at most 255 characters, without '/' or '\\'",
            "vendor.slackBot('xoxb-1', '#a', 'p', 't', 'good', {}, [{name: 'a.pcap', snapshot: '../etc'}])|TypeError: vendor.slackBot: files[0].snapshot \"../etc\" is not a snapshot id: use the id pcap.snapshot returned",
            "vendor.s3.put('My_Bucket', 'k', 'c')|TypeError: vendor.s3.put: bucket \"My_Bucket\" is not a valid S3 bucket name: use 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit",
            "vendor.s3.put('bucket', '', 'c')|TypeError: vendor.s3.put: key must not be empty",
    })
    void aWrongArgumentIsATypeErrorAtTheCallingLine(String call, String message) {
        try (var rig = new ScriptRig(runtime, watchdog, new PublishedActions().helpers(ScriptEnv.empty()))) {
            assertThat(rig.host.load("bad", "var before = 1;\n  " + call + ";\n")).hasValueSatisfying(error -> {
                assertThat(error.kind()).isEqualTo(ScriptError.Kind.THROWN);
                assertThat(error.message()).isEqualTo(message);
                assertThat(error.line()).isEqualTo(2);
                assertThat(error.column()).isEqualTo(3);
            });
        }
    }

    @Test
    void aWholeEnvReferenceIsAcceptedAsAUrl() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(new ScriptEnv(Map.of(), Map.of())))) {
            rig.load("alerts", "vendor.slack('${env:OPS_SLACK_WEBHOOK}', 'p', 't', 'good');");
        }
        assertThat(published.params()).containsExactly(
                "{\"webhookUrl\":\"${env:OPS_SLACK_WEBHOOK}\",\"pretext\":\"p\",\"text\":\"t\",\"color\":\"good\"}");
    }
}
