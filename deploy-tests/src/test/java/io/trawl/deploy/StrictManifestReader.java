package io.trawl.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Kubernetes YAML into fabric8's typed model and refuses what a cluster would refuse or silently drop:
 * a value of the wrong type (the model throws), a kind the model does not know, and any field the model does not
 * know. fabric8 keeps unknown fields in {@code additionalProperties} instead of failing, so every model object
 * reachable through its getters is walked and a non-empty {@code additionalProperties} is an error naming the path
 * and the fields ({@code Deployment.spec unknown [replicass]}).
 */
final class StrictManifestReader {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /** The resources of one (multi-document) YAML text; {@code source} names it in errors. */
    List<HasMetadata> read(String source, String yaml) {
        Object parsed;
        try {
            parsed = serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": not valid Kubernetes YAML: " + e.getMessage(), e);
        }
        List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
        List<HasMetadata> resources = new ArrayList<>();
        for (Object document : documents) {
            if (!(document instanceof HasMetadata resource)) {
                throw new IllegalArgumentException(source + ": a document is not a Kubernetes resource: " + document);
            }
            if (resource instanceof GenericKubernetesResource) {
                throw new IllegalArgumentException(source + ": unknown kind " + resource.getApiVersion() + "/"
                        + resource.getKind() + " (" + resource.getMetadata().getName() + ")");
            }
            List<String> unknown = unknownFields(resource);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(source + ": unknown fields in " + resource.getKind() + " "
                        + resource.getMetadata().getName() + ": " + String.join("; ", unknown));
            }
            resources.add(resource);
        }
        return resources;
    }

    /** Every place below {@code resource} where the model kept fields it does not know. */
    static List<String> unknownFields(KubernetesResource resource) {
        List<String> found = new ArrayList<>();
        walk(resource, resource.getClass().getSimpleName(), found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        switch (node) {
            case Collection<?> items -> {
                int i = 0;
                for (Object item : items) {
                    walk(item, path + "[" + i++ + "]", found, seen);
                }
            }
            case Map<?, ?> map -> map.forEach((key, value) -> walk(value, path + "." + key, found, seen));
            case KubernetesResource model -> walkModel(model, path, found, seen);
            default -> {
                // strings, numbers, booleans: leaves
            }
        }
    }

    private static void walkModel(KubernetesResource model, String path, List<String> found, Set<Object> seen) {
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, model, path);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + " unknown " + extra.keySet());
                }
            } else {
                walk(value, path + "." + property(getter.getName()), found, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object target, String path) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + path + "." + property(getter.getName()), e);
        }
    }

    private static String property(String getterName) {
        String name = getterName.substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
