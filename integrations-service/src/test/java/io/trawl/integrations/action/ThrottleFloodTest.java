package io.trawl.integrations.action;

import io.trawl.integrations.DeliveryRig;
import io.trawl.integrations.LocalServer.Request;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Floods of identical alerts through the whole delivery path, with a 5 s throttle window. */
class ThrottleFloodTest {

    private static DeliveryRig rig;

    @BeforeAll
    static void start() {
        rig = new DeliveryRig(Duration.ofSeconds(5), Map.of(), Map.of(), null);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void aHundredIdenticalWebhookAlertsMakeTwoCallsTheSecondCountingTheRest() {
        List<ActionRequest> flood = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            flood.add(DeliveryRig.request(ActionKind.WEBHOOK, "flood", "{\"url\":\"" + rig.server.url("/hook/flood")
                    + "\",\"body\":\"{\\\"alert\\\":\\\"port scan from 10.9.8.7\\\"}\"}"));
        }
        rig.publishAll(flood);

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/hook/flood").size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> rig.server.requests("/hook/flood").size() == 2);
        List<Request> calls = rig.server.requests("/hook/flood");
        assertThat(calls).extracting(Request::text).containsOnly("{\"alert\":\"port scan from 10.9.8.7\"}");
        assertThat(calls.get(0).header("X-Trawl-Throttled-Count")).isNull();
        assertThat(calls.get(1).header("X-Trawl-Throttled-Count")).isEqualTo("99");
        Duration apart = Duration.ofNanos(calls.get(1).nanos() - calls.get(0).nanos());
        System.out.printf("flood of 100: 2 calls, the summary %d ms after the first%n", apart.toMillis());
        assertThat(apart).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(rig.deliveries("webhook", "throttled")).isEqualTo(99);
        assertThat(rig.deliveries("webhook", "delivered")).isEqualTo(2);
    }

    @Test
    void aSlackSummarySaysHowManyMoreCameInTheWindow() throws Exception {
        List<ActionRequest> flood = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            flood.add(DeliveryRig.request(ActionKind.SLACK, "slack-flood", "{\"webhookUrl\":\""
                    + rig.server.url("/services/flood") + "\",\"text\":\"login failures on db-1\",\"color\":\"danger\"}"));
        }
        rig.publishAll(flood);

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/services/flood").size() == 2);
        JsonMapper json = JsonMapper.builder().build();
        List<String> texts = new ArrayList<>();
        for (Request r : rig.server.requests("/services/flood")) {
            texts.add(json.readTree(r.text()).path("attachments").get(0).path("text").asString());
        }
        assertThat(texts).containsExactly("login failures on db-1", "login failures on db-1\n+2 more in the last 5 s");
    }
}
