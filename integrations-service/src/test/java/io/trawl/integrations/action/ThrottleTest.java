package io.trawl.integrations.action;

import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleTest {

    private static final DeliveryHeaders.History NEW = new DeliveryHeaders.History(0, null, "trawl.actions/0@1");
    private int ids;

    private ActionRequest alert(ActionKind kind, String script, String throttleKey, String text) {
        return new ActionRequest("a" + ids++, kind, script, 1, "onItemCaptured", "n", 0, throttleKey,
                "{\"url\":\"http://hooks.local/x\",\"webhookUrl\":\"http://hooks.local/x\",\"text\":\"" + text + "\"}");
    }

    @Test
    void aFloodWithinTheWindowIsTheFirstThenOneSummaryCountingTheRest() {
        Throttle throttle = new Throttle(Duration.ofSeconds(60), 100);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += throttle.admit(alert(ActionKind.SLACK, "s", null, "same"), null, NEW, 1_000 + i) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(1);
        assertThat(throttle.due(60_999)).isEmpty();
        assertThat(throttle.millisUntilNext(60_000)).isEqualTo(1_000);

        List<Throttle.Summary> due = throttle.due(61_000);
        assertThat(due).hasSize(1);
        assertThat(due.getFirst().action().id()).isEqualTo("a99~summary");
        assertThat(due.getFirst().action().params()).contains("\"text\":\"same\\n+99 more in the last 60 s\"");
    }

    @Test
    void aFloodThatGoesOnGetsOneSummaryPerWindowAndAQuietWindowCloses() {
        Throttle throttle = new Throttle(Duration.ofSeconds(10), 100);
        assertThat(throttle.admit(alert(ActionKind.WEBHOOK, "s", null, "x"), null, NEW, 0)).isTrue();
        assertThat(throttle.admit(alert(ActionKind.WEBHOOK, "s", null, "x"), null, NEW, 5_000)).isFalse();
        assertThat(throttle.due(10_000)).hasSize(1);
        assertThat(throttle.admit(alert(ActionKind.WEBHOOK, "s", null, "x"), null, NEW, 15_000)).isFalse();
        List<Throttle.Summary> second = throttle.due(20_000);
        assertThat(second).hasSize(1);
        assertThat(second.getFirst().action().params()).contains("\"X-Trawl-Throttled-Count\":\"1\"");
        assertThat(throttle.due(30_000)).isEmpty();
        assertThat(throttle.millisUntilNext(30_000)).isEqualTo(Long.MAX_VALUE);
        assertThat(throttle.admit(alert(ActionKind.WEBHOOK, "s", null, "x"), null, NEW, 30_001)).isTrue();
    }

    @Test
    void keysSeparateScriptsTextsAndExplicitKeys() {
        Throttle throttle = new Throttle(Duration.ofSeconds(60), 100);
        assertThat(throttle.admit(alert(ActionKind.SLACK, "a", null, "x"), null, NEW, 0)).isTrue();
        assertThat(throttle.admit(alert(ActionKind.SLACK, "b", null, "x"), null, NEW, 0)).isTrue();
        assertThat(throttle.admit(alert(ActionKind.SLACK, "a", null, "y"), null, NEW, 0)).isTrue();
        assertThat(throttle.admit(alert(ActionKind.SLACK, "a", "host-1", "x"), null, NEW, 0)).isTrue();
        assertThat(throttle.admit(alert(ActionKind.SLACK, "a", "host-1", "other text"), null, NEW, 0)).isFalse();
    }

    @Test
    void evidenceIsNeverThrottledAndFullTablesLetMessagesThrough() {
        Throttle throttle = new Throttle(Duration.ofSeconds(60), 1);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit(alert(ActionKind.S3_PUT, "s", "k", "x"), null, NEW, 0)).isTrue();
            assertThat(throttle.admit(alert(ActionKind.PCAP_SNAPSHOT, "s", "k", "x"), null, NEW, 0)).isTrue();
        }
        assertThat(throttle.admit(alert(ActionKind.SLACK, "s", null, "first"), null, NEW, 0)).isTrue();
        assertThat(throttle.admit(alert(ActionKind.SLACK, "s", null, "second"), null, NEW, 0)).isTrue();
        assertThat(throttle.admit(alert(ActionKind.SLACK, "s", null, "second"), null, NEW, 0)).isTrue();
    }
}
