package io.trawl.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same pipeline as {@link LocalTrawlTest}, each service a process of its own started from its
 * {@code -exec} jar with {@code java -jar}, joined only by a Kafka broker: the embedded default is a convenience,
 * not a different code path.
 */
class SeparateServicesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "token-for-separate-services";

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void threeServiceProcessesOnOneBrokerRunAnExampleScriptOnTheSampleCapture() throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        String prefix = "separate-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        int runnerPort = freePort();
        List<String> common = List.of("--trawl.kafka.bootstrap-servers=" + bootstrap,
                "--trawl.kafka.topic-prefix=" + prefix, "--logging.level.io.trawl=WARN");

        // This test is about processes and wiring, not budgets: on a starved machine a cold hook can take longer
        // than the default 200 ms, which would add an error line to the exact output below.
        start("script-runner-service", List.of("--server.port=" + runnerPort, "--trawl.api.editor-tokens=" + TOKEN,
                        "--trawl.script.wall-time=5s"),
                common, true);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(runnerPort, "/actuator/health/readiness") == 200);
        String source = Files.readString(Path.of("../scripts/examples/server-errors.js"));
        assertThat(request(runnerPort, "POST", "/api/v1/scripts",
                JSON.writeValueAsString(Map.of("name", "server-errors", "source", source))).statusCode())
                .isEqualTo(201);

        start("dissector-service", List.of("--server.port=0"), common, false);
        start("capture-service", List.of("--server.port=0",
                "--trawl.capture.pcap=" + Path.of("../testdata/examples/examples.pcap").toAbsolutePath(),
                "--trawl.capture.retime=true"), common, false);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(consoleTexts(runnerPort, "server-errors")).containsExactlyInAnyOrder(
                        "server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                        "server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                        "server error: GET /api/reports/13 -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                        "server error: GET /api/inventory/sku-20931 -> 503 Service Unavailable (10.233.0.1 -> 10.233.0.2:8080)",
                        "server error: POST /api/checkout -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)"));
        // test.fail(data) for each of them, counted by the runner.
        HttpResponse<String> metrics = request(runnerPort, "GET", "/actuator/prometheus", null);
        assertThat(metrics.body().lines()
                .filter(line -> line.startsWith("trawl_script_test_outcomes_total{"))
                .filter(line -> line.contains("script=\"server-errors\"") && line.contains("outcome=\"fail"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))))
                .containsExactly(5.0);
    }

    private void start(String module, List<String> own, List<String> common, boolean optimizing)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        if (optimizing) {
            command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                    "--upgrade-module-path=" + Path.of("target/graal-compiler").toAbsolutePath()));
        }
        command.addAll(List.of("-jar", execJar(module).toString()));
        command.addAll(own);
        command.addAll(common);
        File log = Files.createTempFile("trawl-" + module + "-", ".log").toFile();
        log.deleteOnExit();
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start());
    }

    private static Path execJar(String module) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("..", module, "target"), "*-exec.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        }
        throw new IllegalStateException("no -exec jar in ../" + module + "/target: run ./mvnw package first");
    }

    private static List<String> consoleTexts(int port, String script) throws Exception {
        HttpResponse<String> response = request(port, "GET", "/api/v1/scripts/" + script + "/console?limit=1000", null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> texts = new ArrayList<>();
        for (JsonNode line : JSON.readTree(response.body()).path("lines")) {
            texts.add(line.path("text").asString());
        }
        return texts;
    }

    private static int status(int port, String path) {
        try {
            return request(port, "GET", path, null).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static HttpResponse<String> request(int port, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
