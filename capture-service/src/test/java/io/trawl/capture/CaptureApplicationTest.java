package io.trawl.capture;

import io.trawl.capture.kafka.TestBroker;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service as deployed: Spring Boot, actuator probes and Prometheus metrics, a real broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "trawl.capture.pcap=../testdata/pcaps/http/keepalive-chunked-gzip.pcap",
        "trawl.capture.exit-when-done=false",
        "trawl.capture.node=test-node",
        "management.metrics.tags.node=test-node"})
@AutoConfigureMetrics
class CaptureApplicationTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("trawl.kafka.bootstrap-servers", TestBroker::bootstrap);
        registry.add("trawl.kafka.topic-prefix", TestBroker::uniquePrefix);
    }

    @LocalServerPort
    int port;

    @Autowired
    CaptureService service;

    private String get(String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void replaysTheFileAndReportsPacketsBytesAndProbes() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> service.summary() != null);
        assertThat(service.summary().packets()).isEqualTo(32);
        assertThat(service.summary().error()).isNull();

        String metrics = get("/actuator/prometheus");
        String tags = "application=\"capture-service\",node=\"test-node\"";
        assertThat(metrics).contains("trawl_capture_packets_total{" + tags + ",source=\"file\"} 32.0");
        assertThat(metrics).containsPattern("trawl_capture_bytes_total\\{[^}]*source=\"file\"} [1-9][0-9]*\\.0");
        assertThat(metrics).contains("trawl_capture_drops_total{application=\"capture-service\",kind=\"kernel\","
                + "node=\"test-node\",source=\"file\"} 0.0");
        assertThat(metrics).contains("trawl_capture_publish_errors_total{" + tags + ",source=\"file\"} 0.0");
        // the producer's Kafka client metrics, named by its client id
        assertThat(metrics).contains("kafka_producer_record_send_total{application=\"capture-service\","
                + "client_id=\"trawl-capture-test-node-file\",kafka_version=\"" + AppInfoParser.getVersion() + "\","
                + "node=\"test-node\"} 32.0");
        assertThat(get("/actuator/health/liveness")).contains("\"status\":\"UP\"");
        // a finished replay no longer takes traffic
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"OUT_OF_SERVICE\"");
    }
}
