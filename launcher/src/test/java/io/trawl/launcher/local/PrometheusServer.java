package io.trawl.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's {@code prometheus} package) as a child process on a loopback port, scraping each
 * service's {@code /actuator/prometheus} every second, with its HTTP API for queries. Closing it ends the process
 * it started, by its PID.
 */
final class PrometheusServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final String api;
    private final Map<String, Integer> targets;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, int port, Map<String, Integer> targets) {
        this.process = process;
        this.api = "http://127.0.0.1:" + port + "/api/v1/";
        this.targets = targets;
    }

    /**
     * @param dir     where its configuration, data and log go
     * @param targets the services to scrape: application name → port on 127.0.0.1; each is a job of that name
     */
    static PrometheusServer start(Path dir, Map<String, Integer> targets) throws IOException {
        StringBuilder yml = new StringBuilder(
                "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n");
        targets.forEach((application, port) -> yml.append("  - job_name: ").append(application).append('\n')
                .append("    metrics_path: /actuator/prometheus\n")
                .append("    static_configs:\n      - targets: ['127.0.0.1:").append(port).append("']\n"));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), yml);
        int port = freePort();
        Process process;
        try {
            process = new ProcessBuilder("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run prometheus: install Debian's prometheus package (.ci/run does)", e);
        }
        return new PrometheusServer(process, port, targets);
    }

    /**
     * Waits until every target has been scraped successfully, naming the scrape error of any that is not.
     * Prometheus takes a moment to listen: refused connections until then are expected.
     */
    void awaitTargetsUp(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> {
                    assertThat(process.isAlive()).as("prometheus is running (see prometheus.log)").isTrue();
                    JsonNode active = get("targets?state=active").path("activeTargets");
                    assertThat(active).as("scrape targets of " + targets).hasSize(targets.size())
                            .allSatisfy(target -> assertThat(target.path("health").asString())
                                    .as(target.path("scrapeUrl").asString() + ": "
                                            + target.path("lastError").asString())
                                    .isEqualTo("up"));
                });
    }

    /** The result of an instant query: the series it answers, possibly none. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return get("query?query=" + encode(promql)).path("result");
    }

    /** The series {@code selector} matches now. */
    JsonNode series(String selector) throws IOException, InterruptedException {
        return get("series?match[]=" + encode(selector));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asString()).as(path + ": " + response.body()).isEqualTo("success");
        return body.path("data");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
