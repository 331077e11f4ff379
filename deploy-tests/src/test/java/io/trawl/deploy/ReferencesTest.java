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
