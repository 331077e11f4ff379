package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubectl kustomize k8s/} (offline: no cluster) renders what {@code kubectl apply -k k8s/} would send, and
 * the result is as strict as the files: generated names with their hash suffixes are the ones pods refer to.
 */
class KustomizeRenderTest {

    @Test
    void rendersEveryResourceIntoTheNamespaceWithGeneratedNamesResolved() throws Exception {
        ExternalTool kubectl = new ExternalTool("kubectl").ifInstalled("kubectl; Debian has no package of it");
        ExternalTool.Result result = kubectl.run(Repo.root(), "kustomize", Kustomization.DIR);
        assertThat(result.exitCode()).as(result.output()).isZero();

        List<HasMetadata> rendered = new StrictManifestReader().read("kubectl kustomize k8s", result.output());
        Manifests manifests = Manifests.load();
        Kustomization kustomization = manifests.kustomization();
        int generated = kustomization.configMaps().size() + kustomization.secrets().size();
        assertThat(rendered).hasSize(manifests.resources().size() + generated);
        assertThat(rendered).filteredOn(r -> !r.getKind().equals("Namespace"))
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).as(r.getKind() + " " + r.getMetadata().getName())
                        .isEqualTo("trawl"));
        List<String> secretNames = rendered.stream().filter(Secret.class::isInstance).map(r -> r.getMetadata().getName()).toList();
        assertThat(secretNames).hasSize(kustomization.secrets().size())
                .allSatisfy(name -> assertThat(result.output()).contains("name: " + name));
        assertThat(result.output()).contains("grafana_dashboard: \"1\"");
    }
}
