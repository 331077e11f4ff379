package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The objects a pod spec names and needs at start: ConfigMaps and Secrets (whole, through envFrom and volumes,
 * or one key, through valueFrom), PersistentVolumeClaims and its ServiceAccount. A pod naming one that does not
 * exist never starts.
 *
 * @param kind what is referred to: ConfigMap, Secret, PersistentVolumeClaim, ServiceAccount
 * @param name its name
 * @param key  the key read from it, or null when the whole object is used
 */
record PodReferences(String kind, String name, String key) {

    static List<PodReferences> of(PodSpec pod) {
        List<PodReferences> found = new ArrayList<>();
        if (pod.getServiceAccountName() != null) {
            found.add(new PodReferences("ServiceAccount", pod.getServiceAccountName(), null));
        }
        Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).forEach(c -> container(c, found));
        for (Volume volume : pod.getVolumes()) {
            if (volume.getConfigMap() != null) {
                found.add(new PodReferences("ConfigMap", volume.getConfigMap().getName(), null));
            }
            if (volume.getSecret() != null) {
                found.add(new PodReferences("Secret", volume.getSecret().getSecretName(), null));
            }
            if (volume.getPersistentVolumeClaim() != null) {
                found.add(new PodReferences("PersistentVolumeClaim", volume.getPersistentVolumeClaim().getClaimName(), null));
            }
        }
        return found;
    }

    private static void container(Container container, List<PodReferences> found) {
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                found.add(new PodReferences("ConfigMap", source.getConfigMapRef().getName(), null));
            }
            if (source.getSecretRef() != null) {
                found.add(new PodReferences("Secret", source.getSecretRef().getName(), null));
            }
        }
        for (EnvVar env : container.getEnv()) {
            if (env.getValueFrom() == null) {
                continue;
            }
            if (env.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = env.getValueFrom().getConfigMapKeyRef();
                found.add(new PodReferences("ConfigMap", ref.getName(), ref.getKey()));
            }
            if (env.getValueFrom().getSecretKeyRef() != null) {
                var ref = env.getValueFrom().getSecretKeyRef();
                found.add(new PodReferences("Secret", ref.getName(), ref.getKey()));
            }
        }
    }

    @Override
    public String toString() {
        return kind + " " + name + (key == null ? "" : " key " + key);
    }
}
