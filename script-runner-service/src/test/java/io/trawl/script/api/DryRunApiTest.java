package io.trawl.script.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** validate and test: scripts run, helper calls recorded, nothing stored or performed. */
class DryRunApiTest extends ApiTestSupport {

    @Test
    void validateReportsHooksOrTheSyntaxErrorWithLineAndColumn() throws Exception {
        JsonNode valid = post("/api/v1/scripts/validate", Map.of("source",
                "function onItemCaptured(d) {}\nfunction onPacketCaptured(p) {}")).json();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("errors")).isEmpty();
        assertThat(valid.get("hooks").toString()).contains("onItemCaptured", "onPacketCaptured");

        Reply reply = post("/api/v1/scripts/validate", Map.of("name", "checked", "source",
                "var a = 1;\nvar b = {;\n"));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode invalid = reply.json();
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        JsonNode error = invalid.get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(2);
        assertThat(error.get("column").asInt()).isPositive();
        assertThat(error.get("kind").asString()).isEqualTo("SYNTAX");
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(invalid.get("hooks")).isEmpty();
    }

    @Test
    void testRunsTheSourceOnTheItemsAndRecordsHelperCalls() throws Exception {
        String source = """
                var count = 0;
                function onItemCaptured(data) {
                  count++;
                  console.log('item', data.id, count, env.REGION);
                  if (data.response.status >= 500) { test.fail(data); }
                  if (data.id === 'boom') { throw new Error('bad item'); }
                }
                """;
        List<Map<String, Object>> items = List.of(
                Map.of("id", "a1", "response", Map.of("status", 200)),
                Map.of("id", "a2", "response", Map.of("status", 503)),
                Map.of("id", "boom", "response", Map.of("status", 200)));

        Reply reply = post("/api/v1/scripts/test", Map.of("source", source, "items", items,
                "env", Map.of("REGION", "eu-1")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode run = reply.json();
        assertThat(run.get("items").asInt()).isEqualTo(3);
        assertThat(run.get("console").get(0).get("text").asString()).isEqualTo("item a1 1 eu-1");
        assertThat(run.get("console").get(2).get("level").asString()).isEqualTo("LOG");
        assertThat(run.get("calls")).hasSize(1);
        assertThat(run.get("calls").get(0).get("helper").asString()).isEqualTo("test.fail");
        assertThat(run.get("calls").get(0).get("arguments").toString()).isEqualTo("[\"a2\"]");
        assertThat(run.get("errors")).hasSize(1);
        assertThat(run.get("errors").get(0).get("kind").asString()).isEqualTo("THROWN");
        assertThat(run.get("errors").get(0).get("line").asInt()).isEqualTo(6);
        assertThat(run.get("hooks").toString()).isEqualTo("[\"onItemCaptured\"]");
        assertThat(run.get("durationMs").asLong()).isNotNegative();
    }

    @Test
    void actionHelpersAreRecordedAsTheParamsTheyWouldPublishWithSecretsAsReferences() throws Exception {
        String source = """
                function onItemCaptured(data) {
                  var id = pcap.snapshot({from: data.timestamp - 1000, to: data.timestamp});
                  vendor.slackBot(env.SLACK_TOKEN, "#alerts", "5xx", data.id, "danger", {},
                      [{name: "evidence.pcap", snapshot: id}]);
                }
                """;
        Reply reply = post("/api/v1/scripts/test", Map.of("name", "alerts", "source", source,
                "items", List.of(Map.of("id", "a1", "timestamp", 5000)),
                "env", Map.of("SLACK_TOKEN", "xoxb-test-0000-secret")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).doesNotContain("xoxb-test-0000-secret");
        JsonNode calls = reply.json().get("calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).toString()).isEqualTo("{\"helper\":\"pcap.snapshot\",\"arguments\":[{\"snapshot\":"
                + "\"alerts-dry-run-1\",\"from\":4000,\"to\":5000}]}");
        assertThat(calls.get(1).toString()).isEqualTo("{\"helper\":\"vendor.slackBot\",\"arguments\":[{\"token\":"
                + "\"${env:SLACK_TOKEN}\",\"channel\":\"#alerts\",\"pretext\":\"5xx\",\"text\":\"a1\","
                + "\"color\":\"danger\",\"fields\":[],\"files\":[{\"name\":\"evidence.pcap\","
                + "\"snapshot\":\"alerts-dry-run-1\"}]}]}");
    }

    @Test
    void testRunsAStoredScriptByName() throws Exception {
        String name = unique("stored");
        post("/api/v1/scripts", Map.of("name", name, "source",
                "function onItemCaptured(d) { console.log('saw ' + d.id); }"));

        JsonNode run = post("/api/v1/scripts/test", Map.of("name", name, "items", List.of(Map.of("id", "x9"))))
                .json();

        assertThat(run.get("console").get(0).get("text").asString()).isEqualTo("saw x9");
        post("/api/v1/scripts/test", Map.of("items", List.of())).problem(400, "source or name");
    }

    @Test
    void testReportsAScriptThatDoesNotLoad() throws Exception {
        JsonNode run = post("/api/v1/scripts/test", Map.of("source", "function (", "items",
                List.of(Map.of("id", "1")))).json();
        assertThat(run.get("items").asInt()).isZero();
        assertThat(run.get("errors").get(0).get("kind").asString()).isEqualTo("SYNTAX");
    }
}
