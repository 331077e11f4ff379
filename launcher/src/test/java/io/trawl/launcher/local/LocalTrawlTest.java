package io.trawl.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.trawl.script.host.ScriptError;
import io.trawl.script.service.ConsoleTap;
import io.trawl.script.service.ScriptRunnerApplication;

/**
 * The embedded default end to end, through the real broker: capture → {@code trawl.packets} → dissector →
 * {@code trawl.items} → script runner, each service the Spring Boot application it is when deployed.
 */
class LocalTrawlTest {

    private static final Path SAMPLE = Path.of("../testdata/examples/examples.pcap");

    @Test
    void theSampleCaptureReplayedOnceGivesTheExampleScriptsExactOutputAndMetrics() throws Exception {
        // error-burst.js alerts this webhook with a snapshot id, through integrations-service
        List<String> alerts = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        Path evidence = java.nio.file.Files.createTempDirectory("trawl-evidence-");
        var console = new Recorded();
        var options = new LocalTrawl.Options(SAMPLE, null, "", 0, false, Bundled.exampleScripts(), 0,
                "token-for-local-trawl-test", "127.0.0.1", "test-node", Map.of("ALERT_WEBHOOK_URL",
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts",
                // the errors spread over the runner's two worker threads, which count apart
                "ERROR_BURST_COUNT", "2"), evidence);
        LocalTrawl local = LocalTrawl.start(options, console);
        try {
            local.startJobService();
            local.startIntegrations();
            // examples_clients.sh provoked five server errors (see ServerErrorsExampleTest); through Kafka the
            // items of different flows may arrive in any order.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(console.texts("server-errors"))
                            .as(() -> "all console lines: " + console.lines + "\nerrors: " + console.errors)
                            .containsExactlyInAnyOrder(
                            "server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                            "server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                            "server error: GET /api/reports/13 -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                            "server error: GET /api/inventory/sku-20931 -> 503 Service Unavailable (10.233.0.1 -> 10.233.0.2:8080)",
                            "server error: POST /api/checkout -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)"));

            String metrics = get(local.port(ScriptRunnerApplication.class), "/actuator/prometheus");
            assertThat(sample(metrics, "trawl_script_user_http_responses_total", "/api/payments", "500"))
                    .isEqualTo(2.0);
            assertThat(sample(metrics, "trawl_script_user_http_responses_total", "/api/checkout", "500"))
                    .isEqualTo(1.0);
            // protocol-report.js schedules a report every 10 s: job-service (on its in-memory database) fires
            // the tick once, the runner runs the job and the counts of the replayed items come out.
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                    assertThat(console.texts("protocol-report")).anySatisfy(line ->
                            assertThat(line).startsWith("items in the last period: ").contains("http=")));
            // ... and the jobs API, with the same token as the scripts API, shows the run.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get(
                    local.port(io.trawl.job.service.JobServiceApplication.class),
                    "/api/v1/jobs/protocol-report/protocol-report", "token-for-local-trawl-test"))
                    .contains("\"cron\":\"*/10 * * * * *\"").contains("\"outcome\":\"passed\""));
            // The burst's alert reached the webhook once integrations-service delivered it, naming a snapshot that
            // the evidence directory holds, write-once, as a capture tshark reads.
            await().atMost(Duration.ofSeconds(30)).until(() -> !alerts.isEmpty());
            Matcher id = Pattern.compile("\"snapshot\":\"([^\"]+)\"").matcher(alerts.getFirst());
            assertThat(id.find()).as(alerts.getFirst()).isTrue();
            assertThat(alerts.getFirst()).contains("\"alert\":\"error-burst\"").contains("/api/payments");
            Path pcap = evidence.resolve(id.group(1) + ".pcap");
            await().atMost(Duration.ofSeconds(60)).until(() -> java.nio.file.Files.exists(
                    evidence.resolve(id.group(1) + ".manifest.json")));
            assertThat(java.nio.file.Files.getPosixFilePermissions(pcap)).as("stored read-only")
                    .doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                            java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                            java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
            Process tshark = new ProcessBuilder("tshark", "-r", pcap.toString(), "-Y", "http.response.code >= 500")
                    .redirectErrorStream(true).start();
            String decoded = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(tshark.waitFor()).as(decoded).isZero();
            assertThat(decoded).as("the snapshot holds the burst's server errors").contains("500");
            assertThat(console.errors).isEmpty();
        } finally {
            webhook.stop(0);
            long stopping = System.nanoTime();
            local.close();
            long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
            System.out.println("LocalTrawl stopped in " + stopMillis + " ms");
            // What Ctrl-C runs: every service and the broker stop within a few seconds.
            assertThat(stopMillis).isLessThan(8_000);
        }
    }

    @Test
    void liveTrafficOnLoopbackMadeDuringTheTestReachesAHook() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "hello from the live test".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/live") ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        var console = new Recorded();
        String script = "function onItemCaptured(data) {\n"
                + "  if (data.protocol.name === 'http' && data.request.path === '/live' && data.response) {\n"
                + "    console.log('live ' + data.request.method + ' ' + data.response.status + ' ' + data.dst.port);\n"
                + "  }\n}\n";
        var options = new LocalTrawl.Options(null, "lo", "tcp port " + port, 0, false, Map.of("live", script), 0,
                "token-for-local-trawl-test", "127.0.0.1", "test-node", Map.of(),
                java.nio.file.Files.createTempDirectory("trawl-evidence-"));
        try (LocalTrawl local = LocalTrawl.start(options, console)) {
            // curl, a real client, until the hook has seen one exchange: capture starts asynchronously.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                curl("http://127.0.0.1:" + port + "/live");
                return !console.texts("live").isEmpty();
            });
            assertThat(console.texts("live")).first().isEqualTo("live GET 200 " + port);
        } finally {
            server.stop(0);
        }
    }

    private static void curl(String url) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "--max-time", "5", url)
                .redirectErrorStream(true).start();
        curl.getInputStream().readAllBytes();
        assertThat(curl.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    static String get(int port, String path) throws IOException, InterruptedException {
        return get(port, path, null);
    }

    static String get(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The value of a status-codes sample, found by its path and status labels in any label order. */
    static double sample(String scrape, String name, String path, String status) {
        Pattern line = Pattern.compile("^" + name + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("path=\"" + path + "\"") && labels.contains("status=\"" + status + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " with path " + path + " and status " + status + " in:\n"
                + scrape.lines().filter(l -> l.startsWith(name)).toList());
    }

    /** Console lines and errors of every script, from worker threads. */
    static final class Recorded implements ConsoleTap.Listener {
        record Line(String script, Level level, String text) {
        }

        final List<Line> lines = new CopyOnWriteArrayList<>();
        final List<ScriptError> errors = new CopyOnWriteArrayList<>();

        @Override
        public void line(String script, Level level, String text) {
            lines.add(new Line(script, level, text));
        }

        @Override
        public void error(ScriptError error) {
            errors.add(error);
        }

        List<String> texts(String script) {
            return lines.stream().filter(l -> l.script().equals(script)).map(Line::text).toList();
        }
    }
}
