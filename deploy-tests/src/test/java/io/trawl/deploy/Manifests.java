package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code kubectl apply -k k8s/} creates: the resources of the listed files, read strictly, and the names
 * of what the generators make.
 */
record Manifests(Kustomization kustomization, List<HasMetadata> resources) {

    /** A pod template and the workload it belongs to. */
    record Workload(HasMetadata owner, PodTemplateSpec template) {
        String name() {
            return owner.getKind() + " " + owner.getMetadata().getName();
        }
    }

    private static Manifests loaded;

    /** Loaded once per test JVM: parsing the model takes a second or two. */
    static synchronized Manifests load() {
        if (loaded == null) {
            Kustomization kustomization = Kustomization.load();
            StrictManifestReader reader = new StrictManifestReader();
            List<HasMetadata> resources = new ArrayList<>();
            for (String file : kustomization.resources()) {
                String path = Kustomization.DIR + "/" + file;
                resources.addAll(reader.read(path, Repo.read(path)));
            }
            loaded = new Manifests(kustomization, List.copyOf(resources));
        }
        return loaded;
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("k8s/ has no " + kind.getSimpleName() + " " + name));
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        all(Deployment.class).forEach(d -> workloads.add(new Workload(d, d.getSpec().getTemplate())));
        all(DaemonSet.class).forEach(d -> workloads.add(new Workload(d, d.getSpec().getTemplate())));
        all(StatefulSet.class).forEach(s -> workloads.add(new Workload(s, s.getSpec().getTemplate())));
        return workloads;
    }

    /** The workload running a Trawl service: a Deployment, or for capture the DaemonSet. */
    Workload workload(TrawlService service) {
        return workloads().stream().filter(w -> w.owner().getMetadata().getName().equals(service.module()))
                .findFirst().orElseThrow(() -> new AssertionError("k8s/ runs no " + service.module()));
    }

    /** Whether {@code selector} selects pods labelled {@code labels}. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }
}
