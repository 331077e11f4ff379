package io.trawl.job.service;

import io.trawl.job.schedule.RunLedger;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.model.Topics;
import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobJson;
import io.trawl.model.job.JobRegistration;
import io.trawl.service.NodeName;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as deployed: Flyway migrates a real PostgreSQL, a registration published to {@code trawl.jobs}
 * fires to {@code trawl.jobs.fired}, a tombstone stops it, and readiness follows the registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"trawl.job.replica=test-replica", "trawl.job.poll=100ms"})
@AutoConfigureMetrics
@DirtiesContext // stops the scheduler while the database is still up
class JobServiceTest {

    private static final String PREFIX = "jobsvc-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Topics TOPICS = new Topics(PREFIX);
    private static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("trawl.kafka.bootstrap-servers", JobServiceTest::bootstrap);
        registry.add("trawl.kafka.topic-prefix", () -> PREFIX);
        registry.add("spring.datasource.url", () -> postgres().getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    /** Started once for the JVM; zonky stops it in a shutdown hook, after Spring has closed the context. */
    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    private static String bootstrap() {
        return EmbeddedKafkaBroker.shared().bootstrapServers();
    }

    @LocalServerPort
    int port;
    @Autowired
    JobService service;
    @Autowired
    RunLedger ledger;

    @Test
    void registrationFiresUntilItsTombstone() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        JobRegistration job = new JobRegistration("svc-" + UUID.randomUUID(), "beat", "* * * * * *", 0, "[\"x\"]", 1);

        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] key = job.key().getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(TOPICS.jobs(), key, JobJson.encode(job))).get();
            await().atMost(Duration.ofSeconds(15)).until(() -> ledger.runCount(job.key()) >= 2);

            producer.send(new ProducerRecord<>(TOPICS.jobs(), key, null)).get();
            await().atMost(Duration.ofSeconds(10)).until(() -> service.registry().size() == 0);
        }
        long runs = ledger.runCount(job.key());
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> ledger.runCount(job.key()) <= runs + 1); // a tick may be firing as the tombstone lands

        List<JobFired> fired = FiredEvents.of(bootstrap(), TOPICS.jobsFired(), job.key());
        assertThat(fired).hasSize((int) ledger.runCount(job.key()));
        assertThat(fired).allSatisfy(f -> {
            assertThat(f.script()).isEqualTo(job.script());
            assertThat(f.manual()).isFalse();
            assertThat(f.firedTime()).isGreaterThanOrEqualTo(f.scheduledTime());
        });
        assertThat(service.scheduler().stats().failed()).isZero();
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("trawl_job_ticks_total{application=\"job-service\",node=\""
                        + NodeName.resolve() + "\",outcome=\"fired\"}")
                .contains("trawl_job_fire_lateness_seconds_count").contains("trawl_job_registered");
    }

    private HttpResponse<String> get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
