package io.trawl.script.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.helper.HelperCall;
import tools.jackson.databind.node.ObjectNode;

import static io.trawl.script.examples.ExampleRig.calls;
import static io.trawl.script.examples.ExampleRig.derived;
import static io.trawl.script.examples.ExampleRig.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** {@code scripts/examples/status-codes.js}: counts per normalised path and status, with bounded labels. */
class StatusCodesExampleTest {

    private static final String SCRIPT = "status-codes";
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
    void everyResponseOfTheCaptureIsCountedUnderItsNormalisedPath() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of());

        assertThat(result.calls()).hasSize(74).allSatisfy(call -> {
            assertThat(call.helper()).isEqualTo("prometheus.vector");
            assertThat(call.arguments().subList(0, 2))
                    .containsExactly("http_responses", "HTTP responses by normalised path and status");
            assertThat(((Number) call.arguments().get(2)).intValue()).isEqualTo(1);
            assertThat(((Number) call.arguments().get(3)).doubleValue()).isEqualTo(1.0);
        });
        assertThat(series(result)).containsExactly(
                entry("/health 200", 1),
                entry("/api/users/:id 200", 12),
                entry("/api/users/:id 404", 2),
                entry("/api/orders/:id 200", 4),
                entry("/api/search 200", 44),
                entry("/api/payments 500", 2),
                entry("/api/reports/:id 200", 1),
                entry("/api/reports/:id 500", 1),
                entry("/api/inventory/:id 503", 1),
                entry("/api/checkout 500", 1),
                entry("/api/login 200", 1),
                entry("/api/login 401", 1),
                entry("/api/profile 200", 2),
                entry("/api/profile 401", 1));
        assertThat(texts(result)).containsExactly("status codes after 50 responses: /api/orders/:id 200=4; "
                + "/api/search 200=31; /api/users/:id 200=12 404=2; /health 200=1");
    }

    @Test
    void pathsBeyondTheCapCountAsOther() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of("STATUS_CODES_MAX_PATHS", "3",
                "STATUS_CODES_SUMMARY_EVERY", "25"));

        assertThat(pathLabels(result)).containsExactly("(other)", "/api/orders/:id", "/api/users/:id", "/health");
        assertThat(texts(result)).containsExactly(
                "status codes after 25 responses: (other) 200=6; /api/orders/:id 200=4; /api/users/:id 200=12 404=2; "
                        + "/health 200=1",
                "status codes after 50 responses: (other) 200=31; /api/orders/:id 200=4; /api/users/:id 200=12 404=2; "
                        + "/health 200=1");
    }

    @Test
    void numbersUuidsHexIdsAndDigitRunsBecomeId() {
        List<String> paths = List.of("/api/users/1042/orders/5f3a9c0e-2b7d-4e1a-9c3f-0d8e6b2a1f47",
                "/files/DEADBEEF01", "/v1/items", "/api2/items", "/blobs/abcdefab", "/inventory/sku-20931", "/",
                "/2026/11/report");
        List<byte[]> items = paths.stream().map(path -> response(path, 200)).toList();

        DryRunResult result = rig.run(SCRIPT, Map.of(), items);

        assertThat(calls(result, "prometheus.vector")).extracting(call -> label(call, "path")).containsExactly(
                "/api/users/:id/orders/:id", "/files/:id", "/v1/items", "/api2/items", "/blobs/abcdefab",
                "/inventory/:id", "/", "/:id/:id/report");
    }

    @Test
    void labelValuesStayBoundedHoweverManyPathsThereAre() {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // Letters only, so that normalisation cannot fold them: "/page-aa", "/page-ab", ...
            items.add(response("/page-a" + (char) ('a' + i / 26) + (char) ('a' + i % 26), 200));
        }

        DryRunResult result = rig.run(SCRIPT, Map.of("STATUS_CODES_SUMMARY_EVERY", "500"), items);

        assertThat(pathLabels(result)).hasSize(51).contains("(other)");
        assertThat(texts(result)).singleElement().asString()
                .startsWith("status codes after 500 responses: (other) 200=450; /page-aaa 200=1; /page-aab 200=1; ");
    }

    @Test
    void noSummaryWhenTurnedOff() {
        assertThat(rig.onCapture(SCRIPT, Map.of("STATUS_CODES_SUMMARY_EVERY", "0")).console()).isEmpty();
    }

    private static byte[] response(String path, int status) {
        return derived("http", item -> {
            ((ObjectNode) item.get("request")).put("path", path);
            ((ObjectNode) item.get("response")).put("status", status);
        });
    }

    /** "path status" to the sum of the values counted for it, in first-seen order. */
    private static Map<String, Integer> series(DryRunResult result) {
        var series = new LinkedHashMap<String, Integer>();
        for (HelperCall call : calls(result, "prometheus.vector")) {
            series.merge(label(call, "path") + " " + label(call, "status"),
                    ((Number) call.arguments().get(3)).intValue(), Integer::sum);
        }
        return series;
    }

    private static Set<String> pathLabels(DryRunResult result) {
        var paths = new TreeSet<String>();
        calls(result, "prometheus.vector").forEach(call -> paths.add(label(call, "path")));
        return paths;
    }

    private static String label(HelperCall call, String name) {
        return (String) ((Map<?, ?>) call.arguments().get(4)).get(name);
    }
}
