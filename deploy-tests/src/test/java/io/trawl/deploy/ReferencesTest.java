package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything a pod refers to is made by the same {@code kubectl apply -k k8s/}: no pod waits for a missing object. */
class ReferencesTest {

    private final Manifests manifests = Manifests.load();

    @Test
    void everyReferenceFromAPodExists() {
        List<String> missing = new ArrayList<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            for (PodReferences ref : PodReferences.of(workload.template().getSpec())) {
                if (!exists(ref, workload)) {
                    missing.add(workload.name() + " -> " + ref);
                }
            }
        }
        assertThat(missing).as("references to objects k8s/ does not make").isEmpty();
    }

    @Test
    void everyStatefulSetHasItsGoverningService() {
        assertThat(manifests.all(StatefulSet.class)).isNotEmpty().allSatisfy(set ->
                assertThat(manifests.find(Service.class, set.getSpec().getServiceName()))
                        .as("Service " + set.getSpec().getServiceName() + " of StatefulSet " + set.getMetadata().getName())
                        .isPresent());
    }

    @Test
    void kafkaIsReachableUnderTheNamesItAdvertises() {
        var kafka = manifests.get(StatefulSet.class, "kafka");
        Service headless = manifests.get(Service.class, kafka.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        // kafka-0.kafka must resolve before the pod is ready: the controller quorum forms through it.
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        var env = kafka.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
        String host = kafka.getMetadata().getName() + "-0." + headless.getMetadata().getName();
        assertThat(env).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                .isEqualTo("KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://" + host + ":9092"));
        assertThat(env).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue())
                .isEqualTo("KAFKA_CONTROLLER_QUORUM_VOTERS=1@" + host + ":9093"));
        assertThat(manifests.get(ConfigMap.class, "trawl-config").getData())
                .containsEntry("TRAWL_KAFKA_BOOTSTRAP_SERVERS", host + ":9092");
    }

    @Test
    void jobServicesDatabaseIsThePostgresService() {
        String url = manifests.get(ConfigMap.class, "trawl-database").getData().get("SPRING_DATASOURCE_URL");
        Service postgres = manifests.get(Service.class, "postgres");
        assertThat(url).isEqualTo("jdbc:postgresql://" + postgres.getMetadata().getName() + ":"
                + postgres.getSpec().getPorts().getFirst().getPort() + "/trawl");
        assertThat(Manifests.selects(postgres.getSpec().getSelector(),
                manifests.get(StatefulSet.class, "postgres").getSpec().getTemplate().getMetadata().getLabels())).isTrue();
    }

    @Test
    void theCheckNoticesAMissingSecretKey() {
        var pod = manifests.workload(TrawlService.JOB).template().getSpec();
        PodReferences password = PodReferences.of(pod).stream()
                .filter(r -> r.kind().equals("Secret")).findFirst().orElseThrow();
        assertThat(exists(password, null)).isTrue();
        assertThat(exists(new PodReferences("Secret", password.name(), "passwd"), null)).isFalse();
        assertThat(exists(new PodReferences("ConfigMap", "trawl-confg", null), null)).isFalse();
    }

    private boolean exists(PodReferences ref, Manifests.Workload workload) {
        return switch (ref.kind()) {
            case "ConfigMap" -> manifests.find(ConfigMap.class, ref.name())
                    .map(cm -> ref.key() == null || cm.getData().containsKey(ref.key()))
                    .orElseGet(() -> generated(manifests.kustomization().configMaps(), ref));
            case "Secret" -> manifests.find(Secret.class, ref.name()).isPresent()
                    || generated(manifests.kustomization().secrets(), ref);
            case "ServiceAccount" -> manifests.find(ServiceAccount.class, ref.name()).isPresent();
            case "PersistentVolumeClaim" -> manifests.find(PersistentVolumeClaim.class, ref.name()).isPresent()
                    || claimTemplates(workload).contains(ref.name());
            default -> throw new IllegalArgumentException("no check for " + ref.kind());
        };
    }

    private static boolean generated(java.util.Map<String, Kustomization.Generated> generators, PodReferences ref) {
        Kustomization.Generated generated = generators.get(ref.name());
        return generated != null && (ref.key() == null || generated.keys().contains(ref.key()));
    }

    private static Set<String> claimTemplates(Manifests.Workload workload) {
        if (workload != null && workload.owner() instanceof StatefulSet set) {
            return Set.copyOf(set.getSpec().getVolumeClaimTemplates().stream().map(t -> t.getMetadata().getName()).toList());
        }
        return Set.of();
    }
}
