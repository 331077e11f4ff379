package io.trawl.integrations.api;

import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.integrations.service.IntegrationsApplication;
import io.trawl.integrations.snapshot.PacketReplay;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /api/v1/snapshots} in the running service: the packets of a real capture on the embedded broker, a
 * snapshot asked for over HTTP, then its manifest and capture file read back; and bad requests answered with
 * problem details that name the field.
 */
@SpringBootTest(classes = IntegrationsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class SnapshotApiTest {

    private static final String PREFIX = "test-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Path EXAMPLES = Path.of("../testdata/examples/examples.pcap");
    /** First and last capture time of examples.pcap, ms. */
    private static final long FROM = 1795843006095L;
    private static final long TO = 1795843010166L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EDITOR = "editor-token-for-snapshot-tests";
    private static final String VIEWER = "viewer-token-for-snapshot-tests";
    private static Path evidence;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @BeforeAll
    static void publishCapture() throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        PacketReplay.createTopic(bootstrap, PREFIX + "packets", 4);
        assertThat(PacketReplay.publish(bootstrap, PREFIX + "packets", EXAMPLES, 0)).isEqualTo(475);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        evidence = Files.createDirectories(Path.of("target/api-evidence-" + UUID.randomUUID()));
        registry.add("trawl.kafka.bootstrap-servers", () -> EmbeddedKafkaBroker.shared().bootstrapServers());
        registry.add("trawl.kafka.topic-prefix", () -> PREFIX);
        registry.add("trawl.integrations.evidence.directory", evidence::toString);
        registry.add("trawl.api.editor-tokens", () -> EDITOR);
        registry.add("trawl.api.viewer-tokens", () -> VIEWER);
    }

    @Test
    void aSnapshotAskedForOverHttpIsStoredAndDownloadable() throws Exception {
        HttpResponse<String> created = post("{\"from\":\"" + Instant.ofEpochMilli(FROM) + "\",\"to\":" + TO
                + ",\"ports\":[53],\"reason\":\"incident 42\"}");

        assertThat(created.statusCode()).isEqualTo(202);
        String id = JSON.readTree(created.body()).get("id").stringValue();
        assertThat(created.headers().firstValue("Location")).contains(url("/api/v1/snapshots/" + id));
        HttpResponse<String> manifest = await().atMost(Duration.ofSeconds(60))
                .until(() -> get("/api/v1/snapshots/" + id), r -> r.statusCode() == 200);
        JsonNode m = JSON.readTree(manifest.body());
        assertThat(m.get("packets").longValue()).isEqualTo(22);
        assertThat(m.get("origin").stringValue()).isEqualTo("api");
        assertThat(m.get("reason").stringValue()).isEqualTo("incident 42");
        assertThat(m.get("filter").get("ports").get(0).intValue()).isEqualTo(53);

        HttpResponse<byte[]> pcap = http.send(request("/api/v1/snapshots/" + id + "/pcap").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pcap.statusCode()).isEqualTo(200);
        assertThat(pcap.headers().firstValue("Content-Type")).contains("application/vnd.tcpdump.pcap");
        assertThat(pcap.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + id + ".pcap\"");
        String sha256 = EvidenceContent.sha256Hex(new ByteArrayInputStream(pcap.body()));
        assertThat(pcap.headers().firstValue("ETag")).contains("\"" + sha256 + "\"");
        assertThat(m.get("sha256").stringValue()).isEqualTo(sha256);
        assertThat(pcap.body()).isEqualTo(Files.readAllBytes(evidence.resolve(id + ".pcap")));

        HttpResponse<Void> unchanged = http.send(request("/api/v1/snapshots/" + id + "/pcap")
                .header("If-None-Match", "\"" + sha256 + "\"").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(unchanged.statusCode()).isEqualTo(304);

        JsonNode list = JSON.readTree(get("/api/v1/snapshots?size=5").body());
        assertThat(list.get("snapshots").get(0).get("id").stringValue()).isEqualTo(id);
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus")))
                .build(), HttpResponse.BodyHandlers.ofString());
        // every meter also carries the node tag (NodeMetricTag); these lines are about the others
        assertThat(prometheus.body().replaceAll(",node=\"[^\"]*\"", ""))
                .contains("trawl_integrations_snapshots_total{application=\"integrations-service\",outcome=\"written\"}")
                .contains("trawl_integrations_evidence_writes_total{application=\"integrations-service\","
                        + "outcome=\"written\",store=\"directory\"}")
                .contains("trawl_integrations_snapshot_bytes_sum")
                .contains("trawl_integrations_snapshot_packets_sum");
    }

    @Test
    void aSnapshotWhoseWindowIsStillOpenIsAcceptedAndSaysSoUntilThen() throws Exception {
        long now = System.currentTimeMillis();
        HttpResponse<String> created = post("{\"from\":" + (now - 1000) + ",\"to\":" + (now + 600_000)
                + ",\"reason\":\"later\"}");

        assertThat(created.statusCode()).isEqualTo(202);
        String id = JSON.readTree(created.body()).get("id").stringValue();
        HttpResponse<String> pending = get("/api/v1/snapshots/" + id);
        assertThat(pending.statusCode()).isEqualTo(404);
        assertThat(detail(pending)).startsWith("snapshot " + id + " is being taken: its window can be read from ");
    }

    @Test
    void badRequestsGetProblemDetailsNamingTheField() throws Exception {
        assertProblem(post("{\"from\":\"yesterday\",\"to\":1,\"reason\":\"r\"}"), 400,
                "snapshot request: params.from 'yesterday' is not an ISO-8601 time with an offset, such as "
                        + "2026-11-28T09:15:00Z, nor milliseconds since the epoch");
        assertProblem(post("{\"from\":1,\"to\":2}"), 400, "snapshot request: params.reason is missing");
        assertProblem(post("{\"from\":1,\"to\":2,\"reason\":\" \"}"), 400,
                "snapshot request: params.reason must not be blank");
        assertProblem(post("{\"from\":2000,\"to\":1000,\"reason\":\"r\"}"), 400,
                "snapshot request: params.to (1970-01-01T00:00:01Z) is before params.from (1970-01-01T00:00:02Z)");
        assertProblem(post("{\"from\":1,\"to\":2,\"reason\":\"r\",\"snapshot\":\"mine\"}"), 400,
                "snapshot request: params.snapshot is not known; a snapshot request has from, to, flows, addresses,"
                        + " ports and reason (the service chooses the id)");
        assertProblem(post("{\"from\":1,\"to\":2,\"reason\":\"r\",\"ports\":\"80\"}"), 400,
                "snapshot request: params.ports must be an array");
        HttpResponse<String> malformed = post("{\"from\":1,");
        assertProblem(malformed, 400, null);
        assertThat(detail(malformed)).startsWith("malformed JSON: ");
        assertProblem(post("[1,2]"), 400, "snapshot request: params must be a JSON object");
        assertProblem(get("/api/v1/snapshots/no-such-snapshot"), 404, "no snapshot no-such-snapshot is stored");
        assertProblem(get("/api/v1/snapshots/..bad"), 400, "snapshot id '..bad' is not usable: it must start with a"
                + " letter or digit and hold only letters, digits, '.', '_' and '-' (at most 128)");
        assertProblem(get("/api/v1/snapshots?page=-1"), 400, "page: is -1; pages count from 0");
        assertProblem(get("/api/v1/snapshots?size=lots"), 400, "size: 'lots' is not a number");
        HttpResponse<String> text = http.send(request("/api/v1/snapshots").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(text, 415, "Content-Type: send application/json (was text/plain;charset=UTF-8)");
    }

    @Test
    void viewersMayReadButNotTakeSnapshotsAndStrangersNeither() throws Exception {
        HttpResponse<String> viewerPost = http.send(request("/api/v1/snapshots", VIEWER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":1,\"to\":2,\"reason\":\"r\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(viewerPost, 403, "this needs the editor role; the token presented has the viewer role, which "
                + "may only read");
        HttpResponse<String> viewerList = http.send(request("/api/v1/snapshots", VIEWER).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viewerList.statusCode()).isEqualTo(200);
        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/snapshots")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(stranger, 401, "this endpoint needs a token: send 'Authorization: Bearer <token>'");
        HttpResponse<String> wrong = http.send(request("/api/v1/snapshots", "not-a-known-token-at-all").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        if (detail != null) {
            assertThat(detail(response)).isEqualTo(detail);
        } else {
            assertThat(detail(response)).isNotBlank();
        }
    }

    private static String detail(HttpResponse<String> response) {
        return JSON.readTree(response.body()).get("detail").stringValue();
    }

    private HttpResponse<String> post(String json) throws IOException, InterruptedException {
        return http.send(request("/api/v1/snapshots").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return request(path, EDITOR);
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + token);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
