package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every workload is sized, probed and reachable as the operations guide says. */
class WorkloadsTest {

    private final Manifests manifests = Manifests.load();

    @Test
    void everyContainerHasRequestsAndAMemoryLimitAndProbes() {
        assertThat(manifests.workloads()).hasSize(7).allSatisfy(workload -> {
            for (Container c : workload.template().getSpec().getContainers()) {
                String where = workload.name() + " container " + c.getName();
                assertThat(c.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits()).as(where + " limits").containsKey("memory");
                assertThat(c.getResources().getRequests().get("memory")).as(where + " memory request = limit")
                        .isEqualTo(c.getResources().getLimits().get("memory"));
                assertThat(c.getLivenessProbe()).as(where + " liveness probe").isNotNull();
                assertThat(c.getReadinessProbe()).as(where + " readiness probe").isNotNull();
            }
        });
    }

    @Test
    void everyJvmHeapFitsItsMemoryLimit() {
        for (Manifests.Workload workload : manifests.workloads()) {
            for (Container c : workload.template().getSpec().getContainers()) {
                String flags = TrawlService.isTrawlImage(c.getImage()) ? env(c, "JDK_JAVA_OPTIONS")
                        : c.getImage().startsWith("apache/kafka:") ? env(c, "KAFKA_HEAP_OPTS") : null;
                if (flags != null) {
                    assertThat(HeapBudget.fractionOf(flags, c.getResources().getLimits().get("memory")))
                            .as(workload.name() + ": heap share of the memory limit (the rest is metaspace, threads, "
                                    + "direct buffers, compiled code)").isBetween(0.4, 0.75);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void trawlContainersRunTheImageOnTheServicePortWithActuatorProbes(TrawlService service) {
        Manifests.Workload workload = manifests.workload(service);
        Container c = workload.template().getSpec().getContainers().getFirst();
        assertThat(c.getImage()).isEqualTo(service.image());
        ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
        assertThat(http.getContainerPort()).isEqualTo(service.port());
        assertThat(httpGet(c.getLivenessProbe()).getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(httpGet(c.getReadinessProbe()).getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(httpGet(c.getStartupProbe()).getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(httpGet(c.getReadinessProbe()).getPort().getStrVal()).isEqualTo("http");
        assertThat(c.getEnvFrom()).anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("trawl-config"));
    }

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void podsCarryPrometheusScrapeAnnotationsForTheirPort(TrawlService service) {
        Map<String, String> annotations = manifests.workload(service).template().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(service.port()))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
    }

    @ParameterizedTest
    @EnumSource(value = TrawlService.class, names = "CAPTURE", mode = EnumSource.Mode.EXCLUDE)
    void servicesOtherThanCaptureRunLockedDown(TrawlService service) {
        PodSpec pod = manifests.workload(service).template().getSpec();
        assertThat(manifests.workload(service).owner()).isInstanceOf(Deployment.class);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        var security = pod.getContainers().getFirst().getSecurityContext();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isEmpty();
    }

    @Test
    void everyDeploymentSelectsItsOwnPodsAndAServiceSelectsThem() {
        assertThat(manifests.all(Deployment.class)).hasSize(4).allSatisfy(d -> {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(Manifests.selects(d.getSpec().getSelector().getMatchLabels(), labels))
                    .as("Deployment " + d.getMetadata().getName() + " selector matches its template").isTrue();
            Container c = d.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(manifests.all(Service.class))
                    .as("a Service selecting the pods of " + d.getMetadata().getName() + " on their port")
                    .anySatisfy(s -> {
                        assertThat(Manifests.selects(s.getSpec().getSelector(), labels)).isTrue();
                        assertThat(s.getSpec().getPorts()).anySatisfy(p -> assertThat(c.getPorts())
                                .anySatisfy(cp -> assertThat(cp.getName()).isEqualTo(p.getTargetPort().getStrVal())));
                    });
        });
    }

    @Test
    void daemonSetAndStatefulSetsSelectTheirOwnPods() {
        for (Manifests.Workload workload : manifests.workloads()) {
            var selector = switch (workload.owner()) {
                case Deployment d -> d.getSpec().getSelector();
                case DaemonSet d -> d.getSpec().getSelector();
                case io.fabric8.kubernetes.api.model.apps.StatefulSet s -> s.getSpec().getSelector();
                default -> throw new IllegalStateException(workload.name());
            };
            assertThat(Manifests.selects(selector.getMatchLabels(), workload.template().getMetadata().getLabels()))
                    .as(workload.name()).isTrue();
        }
    }

    @Test
    void noPodGetsServiceLinksOrAnApiToken() {
        assertThat(manifests.workloads()).allSatisfy(w -> {
            assertThat(w.template().getSpec().getEnableServiceLinks()).as(w.name() + " enableServiceLinks").isFalse();
            assertThat(w.template().getSpec().getAutomountServiceAccountToken()).as(w.name() + " token").isFalse();
        });
    }

    private static HTTPGetAction httpGet(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).isNotNull();
        return probe.getHttpGet();
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " sets no " + name));
    }
}
