package io.trawl.script.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.helper.HelperCall;
import tools.jackson.databind.node.ObjectNode;

import static io.trawl.script.examples.ExampleRig.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scripts/examples/error-burst.js}: a PCAP snapshot and one webhook alert per burst of 5xx responses. */
class ErrorBurstExampleTest {

    private static final String SCRIPT = "error-burst";
    private static final String URL = "https://alerts.example.test/hooks/trawl";
    // examples_clients.sh: /api/payments twice (500) at .626, /api/reports/13 (500) at .713 make the burst; the
    // 503 at .758 and the 500 at .811 fall in the quiet window after it.
    private static final String CAPTURE_SNAPSHOT = "pcap.snapshot({\"snapshot\":\"error-burst-dry-run-1\","
            + "\"from\":1795842980713,\"to\":1795843010713,\"reason\":\"3 server errors within 10 s\"})";
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
    void withoutAWebhookTheBurstInTheCaptureIsSnapshottedAndLogged() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of());

        assertThat(texts(result)).containsExactly("error burst: 3 server errors within 10 s on node-1: "
                + "GET /api/payments 500, GET /api/payments 500, GET /api/reports/13 500; evidence: snapshot "
                + "error-burst-dry-run-1");
        assertThat(result.calls()).extracting(HelperCall::toString).containsExactly(CAPTURE_SNAPSHOT);
    }

    @Test
    void withAWebhookTheAlertIsPostedAsJsonNamingTheSnapshotAndTheUrlStaysASecret() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of("ALERT_WEBHOOK_URL", URL));

        assertThat(result.console()).isEmpty();
        assertThat(result.calls()).extracting(HelperCall::toString).containsExactly(CAPTURE_SNAPSHOT,
                "vendor.webhook({\"method\":\"POST\",\"url\":\"${env:ALERT_WEBHOOK_URL}\",\"body\":\"{\\\"alert\\\":"
                        + "\\\"error-burst\\\",\\\"count\\\":3,\\\"windowSeconds\\\":10,\\\"paths\\\":[\\\"/api/payments"
                        + "\\\",\\\"/api/payments\\\",\\\"/api/reports/13\\\"],\\\"node\\\":\\\"node-1\\\","
                        + "\\\"snapshot\\\":\\\"error-burst-dry-run-1\\\"}\",\"headers\":{\"Content-Type\":"
                        + "\"application/json\"}})");
        assertThat(result.lines()).noneMatch(line -> line.contains(URL));
    }

    @Test
    void aLongOutageAlertsOncePerWindowAndSpreadErrorsNever() {
        long t = 1_795_843_100_000L;
        List<byte[]> items = new ArrayList<>();
        // Two errors 11 s apart: never three within 10 s.
        items.add(error(t, "/spread/1"));
        items.add(error(t + 11_000, "/spread/2"));
        items.add(ok(t + 11_500));
        items.add(error(t + 22_000, "/spread/3"));
        // An outage: a burst, errors in the quiet window after it, then a second burst.
        long outage = t + 60_000;
        for (int i = 0; i < 3; i++) {
            items.add(error(outage + i * 1000, "/first/" + i));
        }
        items.add(error(outage + 5_000, "/quiet"));
        for (int i = 0; i < 3; i++) {
            items.add(error(outage + 12_000 + i * 1000, "/second/" + i));
        }

        DryRunResult result = rig.run(SCRIPT, Map.of("ERROR_BURST_QUIET_S", "10"), items);

        assertThat(texts(result)).containsExactly(
                "error burst: 3 server errors within 10 s on node-1: GET /first/0 500, GET /first/1 500, "
                        + "GET /first/2 500; evidence: snapshot error-burst-dry-run-1",
                "error burst: 3 server errors within 10 s on node-1: GET /second/0 500, GET /second/1 500, "
                        + "GET /second/2 500; evidence: snapshot error-burst-dry-run-2");
        assertThat(result.calls()).extracting(call -> call.arguments().getFirst().toString()).containsExactly(
                "{snapshot=error-burst-dry-run-1, from=1795843133000, to=1795843163000, "
                        + "reason=3 server errors within 10 s}",
                "{snapshot=error-burst-dry-run-2, from=1795843145000, to=1795843175000, "
                        + "reason=3 server errors within 10 s}");
    }

    @Test
    void theBurstSizeWindowAndSnapshotLengthAreTunable() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of("ERROR_BURST_COUNT", "2", "ERROR_BURST_WINDOW_S", "1",
                "ERROR_BURST_SNAPSHOT_S", "5"));

        // Two at .626 make a burst; .713 and .758 fall in the 1 s quiet window; .811 is alone.
        assertThat(texts(result)).containsExactly("error burst: 2 server errors within 1 s on node-1: "
                + "GET /api/payments 500, GET /api/payments 500; evidence: snapshot error-burst-dry-run-1");
        assertThat(result.calls()).extracting(HelperCall::toString).containsExactly("pcap.snapshot({\"snapshot\":"
                + "\"error-burst-dry-run-1\",\"from\":1795843005626,\"to\":1795843010626,"
                + "\"reason\":\"2 server errors within 1 s\"})");
    }

    private static byte[] error(long time, String path) {
        return item(time, path, 500);
    }

    private static byte[] ok(long time) {
        return item(time, "/ok", 200);
    }

    private static byte[] item(long time, String path, int status) {
        return ExampleRig.derived("http", item -> {
            item.put("timestamp", time);
            ((ObjectNode) item.get("request")).put("path", path);
            ((ObjectNode) item.get("response")).put("status", status);
        });
    }
}
