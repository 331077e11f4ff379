package io.trawl.model.action;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsWithParamsAsARealObject() {
        ActionRequest action = new ActionRequest("a-1", ActionKind.WEBHOOK, "server-errors", 4, "onItemCaptured",
                "node-a", 1_700_000_000_123L, "burst /api",
                "{\"method\":\"POST\",\"url\":\"${env:HOOK_URL}\",\"headers\":{\"X-A\":\"1\"},\"body\":\"{}\"}");

        byte[] json = ActionJson.encode(action);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"kind\":\"webhook\"")
                .contains("\"params\":{\"method\":\"POST\",\"url\":\"${env:HOOK_URL}\"")
                .contains("\"schemaVersion\":1");
        assertThat(ActionJson.decode(json)).isEqualTo(action);
    }

    @Test
    void everyKindRoundTripsByItsWireName() {
        for (ActionKind kind : ActionKind.values()) {
            ActionRequest action = new ActionRequest("id", kind, "s", 1, "job:report", "n", 5, null, "{}");

            assertThat(ActionJson.decode(ActionJson.encode(action))).isEqualTo(action);
            assertThat(ActionKind.fromWireName(kind.wireName())).isEqualTo(kind);
        }
    }

    @Test
    void optionalFieldsTakeDefaultsAndUnknownFieldsAreSkipped() {
        ActionRequest action = ActionJson.decode(utf8("{\"id\":\"x\",\"kind\":\"slack\",\"script\":\"s\","
                + "\"createdTime\":9,\"params\":{\"text\":\"hi\"},\"future\":[1,{\"a\":2}]}"));

        assertThat(action).isEqualTo(new ActionRequest("x", ActionKind.SLACK, "s", 0, "unknown", "unknown", 9, null,
                "{\"text\":\"hi\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"slack\",\"script\":\"s\",\"createdTime\":1,\"params\":{}}|field 'id' is missing",
            "{\"id\":\"x\",\"kind\":\"email\",\"script\":\"s\",\"createdTime\":1,\"params\":{}}|unknown action kind 'email'; known: slack, slackBot, webhook, s3.put, pcap.snapshot",
            "{\"id\":\"x\",\"kind\":\"slack\",\"script\":\"s\",\"createdTime\":1,\"params\":[]}|field 'params' must be an object, was an array",
            "{\"id\":\"x\",\"kind\":\"slack\",\"script\":\"s\",\"createdTime\":1}|field 'params' is missing",
            "{\"id\":\"x\",\"kind\":\"slack\",\"script\":\"s\",\"createdTime\":\"1\",\"params\":{}}|field 'createdTime' must be an integer, was a string",
            "{\"id\":\"x\",\"kind\":\"slack\",\"script\":\"s\",\"scriptVersion\":-1,\"createdTime\":1,\"params\":{}}|field 'scriptVersion' is out of range: -1",
            "[1]|expected a JSON object",
            "{\"id\":|not valid JSON",
    })
    void badRequestsAreRefusedNamingTheField(String json, String message) {
        assertThatThrownBy(() -> ActionJson.decode(utf8(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action request")
                .hasMessageContaining(message);
    }

    @Test
    void encodingRefusesParamsThatAreNotAnObject() {
        ActionRequest action = new ActionRequest("id", ActionKind.SLACK, "s", 1, "o", "n", 1, null, "[1]");

        assertThatThrownBy(() -> ActionJson.encode(action))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'params' must be an object");
    }
}
