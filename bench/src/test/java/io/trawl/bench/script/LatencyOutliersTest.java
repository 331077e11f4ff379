package io.trawl.bench.script;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.engine.JsRuntime;
import io.trawl.script.item.ItemView;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyOutliersTest {

    private static JsRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = JsRuntime.start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    static String http(String method, String path, String elapsed, boolean response) {
        return String.format(Locale.ROOT, "{\"stream\":\"tcp-1\",\"protocol\":{\"name\":\"http\",\"version\":\"1.1\"},"
                + "\"request\":{\"method\":\"%s\",\"path\":\"%s\",\"headers\":{\"Host\":\"h\"}},"
                + "\"response\":%s,\"elapsedTime\":%s,\"error\":null}", method, path,
                response ? "{\"status\":200,\"content\":{\"text\":\"" + "x".repeat(300) + "\"}}" : "null", elapsed);
    }

    /** Two keys; one crosses 30 samples and then sees slow calls, one of them fractional; plus items to skip. */
    static List<byte[]> items() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            items.add(http("GET", "/a", i % 2 == 0 ? "1" : "2", true));
            if (i % 3 == 0) {
                items.add(http("POST", "/b", "3", true));
            }
        }
        items.add(http("GET", "/a", "50", true));
        items.add(http("GET", "/a", "60.25", true));
        items.add(http("GET", "/a", "2", true));
        items.add(http("GET", "/a", "500", false));
        items.add(http("GET", "/a", "null", true));
        items.add(http("GET", "/a", "-1", true));
        items.add(http("POST", "/b", "900", true));
        items.add("{\"stream\":\"udp-1\",\"protocol\":{\"name\":\"dns\"},\"response\":{\"rcode\":0},\"elapsedTime\":900}");
        items.add(http("GET", "/a", "75", true));
        return items.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void javaOverJacksonAndOverTheByteViewAndEveryScriptDeliveryPrintTheSameLines() throws Exception {
        List<byte[]> items = items();
        List<String> tree = new ArrayList<>();
        LatencyOutliers javaTree = new LatencyOutliers(tree::add);
        JsonMapper json = JsonMapper.builder().build();
        items.forEach(b -> javaTree.onItem(json.readTree(b)));
        assertThat(tree).containsExactly(
                "latency outlier: GET /a took 50 ms (mean 1.5 ms, sd 0.5 ms, n 45)",
                "latency outlier: GET /a took 60.25 ms (mean 2.5 ms, sd 7.2 ms, n 46)",
                "latency outlier: GET /a took 75 ms (mean 3.7 ms, sd 10.9 ms, n 48)");

        List<String> bytes = new ArrayList<>();
        LatencyOutliers javaBytes = new LatencyOutliers(bytes::add);
        items.forEach(b -> javaBytes.onItem(ItemView.parse(b)));
        assertThat(bytes).isEqualTo(tree);

        for (Delivery delivery : Delivery.values()) {
            for (String how : new String[] {"bare", "host"}) {
                if (delivery == Delivery.PROJECTION && how.equals("host")) {
                    continue; // ScriptHost passes one argument; the projection spreads five
                }
                PassRunner.Lines lines = new PassRunner.Lines();
                try (PassRunner runner = how.equals("bare")
                        ? PassRunner.bare(runtime, LatencyOutliers.SCRIPT, delivery, lines)
                        : PassRunner.host(runtime, LatencyOutliers.SCRIPT, delivery, lines)) {
                    for (byte[] b : items) {
                        runner.item(null, b);
                    }
                }
                assertThat(lines.take()).as("%s %s", delivery, how).isEqualTo(tree);
            }
        }
        assertThat(PassRunner.ERRORS.get()).isZero();
    }

    @Test
    void numbersPrintAsJavaScriptPrintsThem() {
        double[] xs = {0, 1, 7, 60.25, 0.05, 0.15, 0.25, 0.35, 1.45, 2.675, 1.005, 12345.65, 1e-7, 123e-20, 1e21,
                0.1 + 0.2, -1.5e-9, 1.7976931348623157e308, 123456789012345680000.0, 0.000001, 0.0000001, 99.95, 1.0 / 3, 2.5, -0.0, 1234567.891};
        try (Context js = runtime.newContext()) {
            Value f = js.eval("js", "(function (x) { return String(x) + ' ' + x.toFixed(1); })");
            for (double x : xs) {
                String[] want = f.execute(x).asString().split(" ");
                assertThat(LatencyOutliers.jsNumber(x)).as("String(%s)", x).isEqualTo(want[0]);
                if (Math.abs(x) < 1e21) {
                    assertThat(LatencyOutliers.toFixed1(x)).as("(%s).toFixed(1)", x).isEqualTo(want[1]);
                }
            }
        }
    }

    @Test
    void steadyStateStartsAfterTheLastSlowWindow() {
        List<double[]> chunks = new ArrayList<>();
        double[] rates = {10, 20, 50, 95, 100, 60, 98, 101, 99, 100, 102, 97, 100};
        for (int i = 0; i < rates.length; i++) {
            chunks.add(new double[] {i + 1, rates[i]});
        }
        // windows of five from index 4 on have medians >= 90; the window starting at 3 too (95,100,60,98,101)
        assertThat(Trial.steadyAfter(chunks, 100)).isEqualTo(2.0);
        assertThat(Trial.steadyAfter(chunks.subList(0, 4), 100)).isNaN();
    }
}
