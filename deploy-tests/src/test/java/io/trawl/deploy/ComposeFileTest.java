package io.trawl.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure of {@code docker-compose.yml}, which no engine checks here: every service can start and says when
 * it is healthy, every dependency exists, every file it mounts is in the repository, no two publish one port.
 */
class ComposeFileTest {

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void usesAFileFormatOlderComposeReleasesAccept() {
        assertThat(compose.root().get("version")).isEqualTo("3.8");
        assertThat(compose.root()).doesNotContainKey("name");
    }

    @Test
    void everyServiceHasAnImageAndTheLongRunningOnesAHealthcheck() {
        Set<String> oneShots = oneShots();
        assertThat(oneShots).containsExactly("minio-init");
        compose.services().forEach((name, value) -> {
            Map<String, Object> service = compose.service(name);
            assertThat(service.containsKey("image") || service.containsKey("build")).as(name + " image or build").isTrue();
            if (!oneShots.contains(name)) {
                assertThat(service).as(name + " healthcheck").containsKey("healthcheck");
                assertThat(ComposeFile.strings(ComposeFile.map(service, "healthcheck", name), "test")).as(name).isNotEmpty();
            }
        });
    }

    @Test
    void everyDependencyExistsAndIsWaitedFor() {
        Set<String> oneShots = oneShots();
        compose.services().forEach((name, value) -> ComposeFile.dependsOn(compose.service(name)).forEach((target, spec) -> {
            assertThat(compose.services()).as(name + " depends on " + target).containsKey(target);
            assertThat(spec).as(name + " depends_on " + target + " has a condition").isInstanceOf(Map.class);
            String expected = oneShots.contains(target) ? "service_completed_successfully" : "service_healthy";
            assertThat(((Map<?, ?>) spec).get("condition")).as(name + " -> " + target).isEqualTo(expected);
        }));
    }

    @Test
    void everyMountedRepositoryPathExists() {
        Set<String> namedVolumes = ComposeFile.map(compose.root(), "volumes", "docker-compose.yml").keySet();
        List<String> problems = new ArrayList<>();
        compose.services().forEach((name, value) -> {
            for (String volume : ComposeFile.strings(compose.service(name), "volumes")) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith("./")) {
                    if (!Files.exists(Repo.path(source))) {
                        problems.add(name + " mounts missing " + source);
                    }
                } else if (!namedVolumes.contains(source)) {
                    problems.add(name + " mounts undeclared volume " + source);
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void publishedPortsAreUniqueAndOnLoopback() {
        Set<String> seen = new HashSet<>();
        compose.services().forEach((name, value) -> {
            for (String port : ComposeFile.strings(compose.service(name), "ports")) {
                assertThat(port).as(name + " publishes on loopback only").startsWith("127.0.0.1:");
                String hostPort = port.split(":")[1];
                assertThat(seen.add(hostPort)).as(name + " host port " + hostPort + " is used once").isTrue();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void trawlServiceIsBuiltFromItsDockerfileAndReachesKafka(TrawlService trawl) {
        Map<String, Object> service = compose.service(trawl.module());
        assertThat(service.get("image")).isEqualTo(trawl.image());
        Map<String, Object> build = ComposeFile.map(service, "build", trawl.module());
        assertThat(build.get("context")).isEqualTo("./" + trawl.module() + "/target");
        Path dockerfile = Repo.path(build.get("context") + "/" + build.get("dockerfile"));
        assertThat(Repo.root().relativize(dockerfile)).hasToString("deploy/docker/" + trawl.module() + "/Dockerfile");
        assertThat(dockerfile).isRegularFile();

        Map<String, Object> env = ComposeFile.map(service, "environment", trawl.module());
        assertThat(env).containsEntry("SERVER_ADDRESS", "0.0.0.0").containsEntry("TRAWL_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        Map<String, Object> kafkaEnv = ComposeFile.map(compose.service("kafka"), "environment", "kafka");
        assertThat(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://kafka:9092");
        assertThat(ComposeFile.dependsOn(service)).containsKey("kafka");

        assertThat(ComposeFile.strings(service, "ports")).containsExactly("127.0.0.1:" + trawl.port() + ":" + trawl.port());
        assertThat(ComposeFile.strings(ComposeFile.map(service, "healthcheck", trawl.module()), "test"))
                .contains("http://127.0.0.1:" + trawl.port() + "/actuator/health/readiness");
    }

    @Test
    void jobServiceUsesPostgresAndIntegrationsTheObjectLockBucket() {
        assertThat(ComposeFile.dependsOn(compose.service("job-service"))).containsKeys("postgres");
        assertThat(ComposeFile.map(compose.service("job-service"), "environment", "job-service"))
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/trawl");
        assertThat(ComposeFile.dependsOn(compose.service("integrations-service"))).containsKeys("minio-init");
        Map<String, Object> env = ComposeFile.map(compose.service("integrations-service"), "environment", "integrations-service");
        String init = String.join("\n", ComposeFile.strings(compose.service("minio-init"), "command"));
        assertThat(init).contains("mc mb --ignore-existing --with-lock local/" + env.get("TRAWL_INTEGRATIONS_S3_BUCKET"));
    }

    @Test
    void prometheusScrapesEveryServiceAndGrafanaLoadsTheDashboardsFolder() {
        String scrape = Repo.read("deploy/compose/prometheus.yml");
        for (TrawlService trawl : TrawlService.values()) {
            assertThat(scrape).contains("\"" + trawl.module() + ":" + trawl.port() + "\"");
        }
        assertThat(scrape).contains("metrics_path: /actuator/prometheus");
        assertThat(ComposeFile.strings(compose.service("grafana"), "volumes"))
                .contains("./k8s/monitoring/dashboards:/var/lib/grafana/dashboards/trawl:ro");
        assertThat(Repo.read("deploy/compose/grafana/provisioning/dashboards/trawl.yml"))
                .contains("path: /var/lib/grafana/dashboards/trawl");
    }

    /** Services others wait on to finish, not to be healthy: they run once and exit. */
    private Set<String> oneShots() {
        Set<String> oneShots = new HashSet<>();
        compose.services().forEach((name, value) -> ComposeFile.dependsOn(compose.service(name)).forEach((target, spec) -> {
            if (spec instanceof Map<?, ?> m && "service_completed_successfully".equals(m.get("condition"))) {
                oneShots.add(target);
            }
        }));
        return oneShots;
    }
}
