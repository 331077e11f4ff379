package io.trawl.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code k8s/kustomization.yaml} and the files it names agree: nothing listed is missing, nothing present is left out. */
class KustomizationTest {

    private final Kustomization kustomization = Kustomization.load();

    @Test
    void everyListedFileExists() {
        assertThat(kustomization.inputFiles()).allSatisfy(file ->
                assertThat(Files.isRegularFile(Repo.path(file))).as(file + " (listed in k8s/kustomization.yaml)").isTrue());
    }

    @Test
    void everyManifestAndDashboardIsListed() {
        List<String> unlisted = Repo.filesUnder(Kustomization.DIR).stream()
                .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml") || f.endsWith(".json"))
                .filter(f -> !f.equals(Kustomization.DIR + "/kustomization.yaml"))
                .filter(f -> !kustomization.inputFiles().contains(f))
                .toList();
        assertThat(unlisted).as("files under k8s/ that kubectl apply -k would never read").isEmpty();
    }

    @Test
    void everythingGoesToTheNamespaceItCreates() {
        assertThat(kustomization.namespace()).isEqualTo("trawl");
        assertThat(Manifests.load().all(Namespace.class)).singleElement()
                .satisfies(ns -> assertThat(ns.getMetadata().getName()).isEqualTo(kustomization.namespace()));
    }

    @Test
    void dashboardsAreValidGrafanaJsonLabelledForTheSidecar() throws Exception {
        Kustomization.Generated dashboards = kustomization.configMaps().get("trawl-dashboards");
        assertThat(dashboards).as("configMapGenerator trawl-dashboards").isNotNull();
        assertThat(dashboards.labels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboards.files()).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("monitoring/dashboards/").endsWith(".json"));
        ObjectMapper json = new ObjectMapper();
        for (String file : dashboards.files()) {
            JsonNode dashboard = json.readTree(Repo.read(Kustomization.DIR + "/" + file));
            assertThat(dashboard.path("title").asText()).as(file + " title").isNotBlank();
            assertThat(dashboard.path("uid").asText()).as(file + " uid").isNotBlank();
            assertThat(dashboard.path("panels").isArray()).as(file + " panels").isTrue();
        }
        assertThat(dashboards.files()).contains("monitoring/dashboards/trawl-overview.json");
        assertThat(json.readTree(Repo.read("k8s/monitoring/dashboards/trawl-overview.json")).path("panels"))
                .as("the overview has panels").isNotEmpty();
    }

    @Test
    void imageTagsAreTheProjectVersion() {
        assertThat(kustomization.imageTags().keySet()).containsExactlyInAnyOrder(
                java.util.Arrays.stream(TrawlService.values()).map(s -> "trawl/" + s.module()).toArray(String[]::new));
        assertThat(kustomization.imageTags().values()).allSatisfy(tag -> assertThat(tag).isEqualTo(Repo.version()));
    }

    @Test
    void secretValuesAreMarkedForReplacement() {
        String text = Repo.read(Kustomization.DIR + "/kustomization.yaml");
        assertThat(kustomization.secrets()).isNotEmpty();
        // key=REPLACE-ME-..., or a JSON value whose every string value is "REPLACE-ME-..."
        text.lines().filter(l -> l.strip().startsWith("- ") && l.contains("=")).forEach(literal -> {
            assertThat(literal).as("a secret literal says it is to be replaced").containsPattern("[=\"]REPLACE-ME-");
            assertThat(literal.replaceAll(":\"REPLACE-ME-[^\"]*\"", "")).as("no JSON value left unmarked")
                    .doesNotContainPattern(":\"[^\"]*\"");
        });
    }
}
