package io.trawl.script.examples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.host.ScriptOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.trawl.script.examples.ExampleRig.captureItemTrees;
import static io.trawl.script.examples.ExampleRig.derived;
import static io.trawl.script.examples.ExampleRig.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scripts/examples/latency-outliers.js}: Welford statistics per endpoint, literally as specified. */
class LatencyOutliersExampleTest {

    private static final String SCRIPT = "latency-outliers";
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
    void theThreeColdSearchesOfTheCaptureAreTheOutliers() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of());

        // The clients send 44 searches; the cold terms (300 ms) are the 32nd, 36th and 40th, and each of them
        // is then part of the statistics the next one is judged by.
        assertThat(texts(result)).containsExactly(
                "latency outlier: GET /api/search took 300 ms (mean 0.0 ms, sd 0.0 ms, n 31)",
                "latency outlier: GET /api/search took 300 ms (mean 8.6 ms, sd 50.7 ms, n 35)",
                "latency outlier: GET /api/search took 300 ms (mean 15.4 ms, sd 67.0 ms, n 39)");
        assertThat(result.console()).allSatisfy(line -> assertThat(line.level()).isEqualTo(ScriptOutput.Level.LOG));
        assertThat(result.calls()).isEmpty();
        assertThat(texts(result)).isEqualTo(reference(captureItemTrees()));
    }

    @Test
    void theOutliersAreTheSearchesTheServerAnsweredFromAColdCache() {
        List<String> cold = captureItemTrees().stream()
                .filter(item -> item.get("protocol").get("name").asString().equals("http"))
                .filter(item -> "miss".equals(item.get("response").get("headers").path("X-Cache").asString(null)))
                .map(item -> item.get("request").get("url").asString())
                .toList();

        assertThat(cold).containsExactly("/api/search?q=checksum", "/api/search?q=latency", "/api/search?q=gateway");
        assertThat(texts(rig.onCapture(SCRIPT, Map.of()))).hasSize(cold.size());
    }

    @Test
    void anEndpointIsJudgedFromItsThirtyFirstResponseOn() {
        List<byte[]> twentyNineThenSlow = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            twentyNineThenSlow.add(search("GET", "/a", 2));
        }
        twentyNineThenSlow.add(search("GET", "/a", 900));
        List<byte[]> thirtyThenSlow = new ArrayList<>(twentyNineThenSlow.subList(0, 29));
        thirtyThenSlow.add(search("GET", "/a", 2));
        thirtyThenSlow.add(search("GET", "/a", 900));

        assertThat(texts(rig.run(SCRIPT, Map.of(), twentyNineThenSlow))).isEmpty();
        assertThat(texts(rig.run(SCRIPT, Map.of(), thirtyThenSlow)))
                .containsExactly("latency outlier: GET /a took 900 ms (mean 2.0 ms, sd 0.0 ms, n 30)");
    }

    @Test
    void aSlowResponseMustAlsoBeMoreThanFiveMillisecondsAboveTheMean() {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(search("GET", "/steady", 10));
        }
        items.add(search("GET", "/steady", 15));
        items.add(search("GET", "/steady", 16));

        // sd is 0, so 15 is far more than 3 sd above the mean of 10, but not more than 5 ms above it.
        assertThat(texts(rig.run(SCRIPT, Map.of(), items)))
                .containsExactly("latency outlier: GET /steady took 16 ms (mean 10.2 ms, sd 0.9 ms, n 31)");
    }

    @Test
    void endpointsAreKeyedByMethodAndPathWithoutTheQuery() {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(search("GET", "/k", 1));
        }
        items.add(search("POST", "/k", 500));
        items.add(search("GET", "/other", 500));
        items.add(search("GET", "/k", 500));

        assertThat(texts(rig.run(SCRIPT, Map.of(), items)))
                .containsExactly("latency outlier: GET /k took 500 ms (mean 1.0 ms, sd 0.0 ms, n 30)");
    }

    @Test
    void dnsItemsItemsWithoutANumericElapsedTimeAndUnansweredRequestsAreLeftOut() {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(search("GET", "/x", 1));
        }
        items.add(derived("dns", item -> item.put("elapsedTime", 900)));
        items.add(derived("http", item -> {
            ((ObjectNode) item.get("request")).put("path", "/x");
            item.put("elapsedTime", "900");
        }));
        items.add(derived("http", item -> {
            ((ObjectNode) item.get("request")).put("path", "/x");
            item.remove("elapsedTime");
        }));
        // Responses that were not seen: response {} and elapsedTime -1. Counted, they would make 6 ms an outlier.
        for (int i = 0; i < 30; i++) {
            items.add(derived("http", item -> {
                ((ObjectNode) item.get("request")).put("method", "GET").put("path", "/x");
                item.putObject("response");
                item.put("elapsedTime", -1);
            }));
        }
        items.add(search("GET", "/x", 6));

        assertThat(texts(rig.run(SCRIPT, Map.of(), items))).isEmpty();
    }

    @Test
    void agreesWithAJavaVersionOfTheSpecificationOnAThousandRandomResponses() {
        var random = new Random(20261128);
        List<byte[]> items = new ArrayList<>();
        List<JsonNode> trees = new ArrayList<>();
        String[] paths = {"/a", "/b", "/c"};
        for (int i = 0; i < 1000; i++) {
            int dice = random.nextInt(100);
            long elapsed = dice < 3 ? 50 + random.nextInt(400) : dice < 6 ? -1 : random.nextInt(12);
            byte[] item = search(random.nextBoolean() ? "GET" : "POST", paths[random.nextInt(paths.length)], elapsed);
            items.add(item);
            trees.add(ExampleRig.JSON.readTree(item));
        }

        List<String> expected = reference(trees);

        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(texts(rig.run(SCRIPT, Map.of(), items))).isEqualTo(expected);
    }

    private static byte[] search(String method, String path, long elapsedMillis) {
        return derived("http", item -> {
            ((ObjectNode) item.get("request")).put("method", method).put("path", path);
            item.put("elapsedTime", elapsedMillis);
        });
    }

    /** The specification, in Java: what the script must print for these items. */
    private static List<String> reference(List<JsonNode> items) {
        record Stats(long n, double mean, double m2) {
        }
        Map<String, Stats> stats = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.get("protocol").get("name").asString().equals("http") || item.get("response") == null
                    || item.get("response").isNull() || item.get("elapsedTime") == null
                    || !item.get("elapsedTime").isNumber() || item.get("elapsedTime").asDouble() < 0) {
                continue;
            }
            String key = item.get("request").get("method").asString() + " " + item.get("request").get("path").asString();
            double elapsed = item.get("elapsedTime").asDouble();
            Stats s = stats.getOrDefault(key, new Stats(0, 0, 0));
            if (s.n() >= 30) {
                double sd = Math.sqrt(s.m2() / (s.n() - 1));
                if (elapsed > s.mean() + 3 * sd && elapsed > s.mean() + 5) {
                    lines.add("latency outlier: " + key + " took " + item.get("elapsedTime").asLong() + " ms (mean "
                            + toFixed1(s.mean()) + " ms, sd " + toFixed1(sd) + " ms, n " + s.n() + ")");
                }
            }
            long n = s.n() + 1;
            double delta = elapsed - s.mean();
            double mean = s.mean() + delta / n;
            stats.put(key, new Stats(n, mean, s.m2() + delta * (elapsed - mean)));
        }
        return lines;
    }

    /** JavaScript's {@code toFixed(1)}: the exact binary value, rounded half away from zero. */
    private static String toFixed1(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
