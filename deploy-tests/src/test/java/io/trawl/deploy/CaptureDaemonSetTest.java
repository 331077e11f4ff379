package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * capture-service runs on every node's network with only the two capabilities libpcap needs, and nothing that
 * would let it gain more (the contract's deployment section, docs/operations.md "Live capture and privileges").
 */
class CaptureDaemonSetTest {

    private final DaemonSet capture = Manifests.load().get(DaemonSet.class, "capture-service");
    private final PodSpec pod = capture.getSpec().getTemplate().getSpec();
    private final Container container = pod.getContainers().getFirst();

    @Test
    void capturesOnTheHostNetworkAndStillResolvesClusterNames() {
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).noneSatisfy(v -> assertThat(v.getHostPath()).isNotNull());
    }

    @Test
    void holdsOnlyNetRawAndNetAdminWithoutAWayToGainMore() {
        assertThat(pod.getContainers()).hasSize(1);
        SecurityContext security = container.getSecurityContext();
        assertThat(security.getPrivileged()).isFalse();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).containsExactlyInAnyOrder("NET_RAW", "NET_ADMIN");
    }

    @Test
    void runsAsRootOnlyBecauseCapabilitiesNeedIt() {
        // Under allowPrivilegeEscalation: false a non-root process cannot hold capabilities (see the manifest).
        assertThat(pod.getSecurityContext().getRunAsUser()).isZero();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isFalse();
        assertThat(Repo.read("k8s/capture-service.yaml")).contains("no_new_privs");
        assertThat(Repo.read("docs/operations.md")).contains("## Live capture and privileges");
    }

    @Test
    void namesItsNodeFromTheDownwardApi() {
        EnvVar node = container.getEnv().stream().filter(e -> e.getName().equals("NODE_NAME")).findFirst().orElseThrow();
        assertThat(node.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
    }

    @Test
    void capturesLiveAndLeavesKafkasOwnTrafficOut() {
        assertThat(env("TRAWL_CAPTURE_INTERFACE_NAME")).isNotBlank();
        assertThat(env("TRAWL_CAPTURE_FILTER")).contains("not port 9092");
    }

    @Test
    void hasAnExplicitMemoryLimitItsHeapFits() {
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(HeapBudget.fractionOf(env("JDK_JAVA_OPTIONS"), container.getResources().getLimits().get("memory")))
                .isLessThanOrEqualTo(0.75);
    }

    private String env(String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("capture-service sets no " + name));
    }
}
