package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingress is closed by default and opened only for the paths Trawl uses. */
class NetworkPoliciesTest {

    private static final Map<String, String> PROMETHEUS = Map.of("app.kubernetes.io/name", "prometheus");
    private static final Map<String, String> STRANGER = Map.of("app", "something-else");

    private final Manifests manifests = Manifests.load();
    private final IngressRules rules = new IngressRules(manifests.all(NetworkPolicy.class));

    @Test
    void ingressIsDeniedByDefault() {
        NetworkPolicy deny = manifests.get(NetworkPolicy.class, "default-deny-ingress");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isEmpty();
        assertThat(rules.allows(labels("dissector-service"), STRANGER, 8082)).isFalse();
        assertThat(rules.allows(labels("postgres"), null, 5432)).isFalse();
    }

    @Test
    void trawlServicesReachKafkaAndNothingElseDoes() {
        for (TrawlService service : TrawlService.values()) {
            assertThat(rules.allows(labels("kafka"), labels(service.module()), 9092)).as(service.module()).isTrue();
        }
        assertThat(rules.allows(labels("kafka"), STRANGER, 9092)).isFalse();
        assertThat(rules.allows(labels("kafka"), labels("dissector-service"), 9093)).isFalse();
    }

    @Test
    void onlyJobServiceReachesPostgres() {
        assertThat(rules.allows(labels("postgres"), labels("job-service"), 5432)).isTrue();
        assertThat(rules.allows(labels("postgres"), labels("script-runner-service"), 5432)).isFalse();
    }

    @Test
    void prometheusScrapesEveryPodServiceOnItsPort() {
        for (TrawlService service : TrawlService.values()) {
            if (service == TrawlService.CAPTURE) {
                continue; // host network: policies do not apply to it
            }
            assertThat(rules.allows(labels(service.module()), PROMETHEUS, service.port())).as(service.module()).isTrue();
            assertThat(rules.allows(labels(service.module()), STRANGER, service.port()))
                    .as(service.module() + " from another pod").isEqualTo(service == TrawlService.SCRIPT_RUNNER);
        }
    }

    @Test
    void usersReachTheScriptsApiFromAnywhere() {
        assertThat(rules.allows(labels("script-runner-service"), null, TrawlService.SCRIPT_RUNNER.port())).isTrue();
        assertThat(rules.allows(labels("job-service"), null, TrawlService.JOB.port())).isFalse();
    }

    /** The labels the manifests give the pods of a workload. */
    private Map<String, String> labels(String workload) {
        return manifests.workloads().stream().filter(w -> w.owner().getMetadata().getName().equals(workload))
                .findFirst().orElseThrow().template().getMetadata().getLabels();
    }
}
