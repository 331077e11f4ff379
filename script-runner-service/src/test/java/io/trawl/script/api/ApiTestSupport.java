package io.trawl.script.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.script.service.ScriptRunnerApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as deployed, on a real broker and real HTTP: one Spring context shared by every API test class
 * (identical configuration, so the test framework caches it).
 */
@SpringBootTest(classes = ScriptRunnerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "trawl.api.editor-tokens=" + ApiTestSupport.EDITOR,
            "trawl.api.viewer-tokens=" + ApiTestSupport.VIEWER,
            "trawl.api.max-test-items=5",
            "trawl.api.max-source-bytes=64KB",
            "trawl.api.max-request-bytes=256KB",
            "trawl.api.stream-heartbeat=200ms",
            "trawl.script.workers=1",
            // a loaded build machine must not turn a first, cold hook call into a timeout
            "trawl.script.wall-time=3s"
        })
@AutoConfigureMetrics
abstract class ApiTestSupport {

    static final String EDITOR = "editor-token-0123456789abcdef";
    static final String VIEWER = "viewer-token-0123456789abcdef";
    static final String PREFIX = "api-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("trawl.kafka.bootstrap-servers", () -> EmbeddedKafkaBroker.shared().bootstrapServers());
        registry.add("trawl.kafka.topic-prefix", () -> PREFIX);
    }

    @LocalServerPort
    int port;

    record Reply(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** Asserts an RFC 9457 problem with this status whose detail contains {@code detail}; returns it. */
        JsonNode problem(int expectedStatus, String detail) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.get("title").asString()).isNotBlank();
            assertThat(problem.get("detail").asString()).contains(detail);
            return problem;
        }
    }

    Reply call(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    Reply get(String path) throws Exception {
        return call("GET", path, VIEWER, null);
    }

    Reply post(String path, Object body) throws Exception {
        return call("POST", path, EDITOR, JSON.writeValueAsString(body));
    }

    static String unique(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
