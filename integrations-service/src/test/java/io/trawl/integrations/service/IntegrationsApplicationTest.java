package io.trawl.integrations.service;

import io.trawl.integrations.DeliveryRig;
import io.trawl.integrations.LocalServer;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.model.Topics;
import io.trawl.model.action.ActionJson;
import io.trawl.model.action.ActionKind;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application with its built-in defaults (only the broker and the topic prefix set): it starts, declares its
 * topics, delivers a webhook request, and shows its health and the delivery metrics Grafana reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class IntegrationsApplicationTest {

    private static final Topics TOPICS = new Topics("app-" + UUID.randomUUID().toString().substring(0, 8) + ".");
    private static final LocalServer RECEIVER = new LocalServer();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("trawl.kafka.bootstrap-servers", () -> EmbeddedKafkaBroker.shared().bootstrapServers());
        registry.add("trawl.kafka.topic-prefix", TOPICS::prefix);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @LocalServerPort
    int port;

    @Test
    void startsWithDefaultsDeliversAndExposesHealthAndDeliveryMetrics() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");

        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                EmbeddedKafkaBroker.shared().bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPICS.actions(), "app".getBytes(StandardCharsets.UTF_8),
                    ActionJson.encode(DeliveryRig.request(ActionKind.WEBHOOK, "app",
                            "{\"url\":\"" + RECEIVER.url("/hook/app") + "\",\"body\":\"{}\"}")))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.requests("/hook/app").size() == 1);

        // every meter also carries the node tag (NodeMetricTag); these lines are about the others
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(withoutNode(get("/actuator/prometheus").body()))
                .contains("trawl_integrations_deliveries_total{application=\"integrations-service\","
                        + "channel=\"webhook\",outcome=\"delivered\"} 1.0"));
        String metrics = withoutNode(get("/actuator/prometheus").body());
        assertThat(metrics)
                .contains("trawl_integrations_deliveries_total{application=\"integrations-service\",channel=\"slack\","
                        + "outcome=\"throttled\"} 0.0")
                .contains("trawl_integrations_retries_total{application=\"integrations-service\",channel=\"slackBot\"} 0.0")
                .contains("trawl_integrations_dead_letters_total{application=\"integrations-service\","
                        + "channel=\"unknown\"} 0.0")
                .contains("trawl_integrations_delivery_seconds_count{application=\"integrations-service\","
                        + "channel=\"webhook\",outcome=\"delivered\"} 1");
    }

    private static String withoutNode(String scrape) {
        return scrape.replaceAll(",node=\"[^\"]*\"", "");
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
