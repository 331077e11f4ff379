package io.trawl.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every manifest parses into the typed model with no field the model does not know; and the reader catches them. */
class ManifestStrictnessTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              %s
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      %s
            """;

    @Test
    void everyListedManifestIsStrictlyValid() {
        Manifests manifests = Manifests.load();
        assertThat(manifests.resources()).hasSizeGreaterThan(20);
    }

    @Test
    void unknownFieldIsNamedWithItsPath() {
        assertThatThrownBy(() -> new StrictManifestReader().read("demo.yaml",
                DEPLOYMENT.formatted("replicass: 2", "imagePullPolicy: Always")))
                .hasMessageContaining("demo.yaml: unknown fields in Deployment demo: Deployment.spec unknown [replicass]");
    }

    @Test
    void unknownFieldDeepInAContainerIsFound() {
        assertThatThrownBy(() -> new StrictManifestReader().read("demo.yaml",
                DEPLOYMENT.formatted("replicas: 2", "livenessProbe: {httpGet: {path: /, port: 80}, periodSecond: 5}")))
                .hasMessageContaining("Deployment.spec.template.spec.containers[0].livenessProbe unknown [periodSecond]");
    }

    @Test
    void wrongTypeIsRefused() {
        assertThatThrownBy(() -> new StrictManifestReader().read("demo.yaml",
                DEPLOYMENT.formatted("replicas: many", "imagePullPolicy: Always")))
                .hasMessageContaining("demo.yaml: not valid Kubernetes YAML").hasMessageContaining("many");
    }

    @Test
    void unknownKindIsRefused() {
        assertThatThrownBy(() -> new StrictManifestReader().read("demo.yaml",
                DEPLOYMENT.formatted("replicas: 2", "imagePullPolicy: Always").replace("kind: Deployment", "kind: Deploymnet")))
                .hasMessageContaining("demo.yaml: unknown kind apps/v1/Deploymnet");
    }

    @Test
    void validManifestReadsBack() {
        assertThat(new StrictManifestReader().read("demo.yaml", DEPLOYMENT.formatted("replicas: 2", "imagePullPolicy: Always")))
                .singleElement().satisfies(r -> assertThat(r.getMetadata().getName()).isEqualTo("demo"));
    }
}
