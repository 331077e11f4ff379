package io.trawl.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code k8s/kustomization.yaml}, read strictly: only the fields Trawl uses are accepted, so a misspelt one fails
 * here instead of being ignored by kustomize.
 *
 * @param namespace  the namespace every resource is put in
 * @param resources  the manifest files, relative to {@code k8s/}
 * @param configMaps the ConfigMaps generated, by name
 * @param secrets    the Secrets generated, by name
 * @param imageTags  {@code images[].newTag} by image name
 */
record Kustomization(String namespace, List<String> resources, Map<String, Generated> configMaps,
                     Map<String, Generated> secrets, Map<String, String> imageTags) {

    static final String DIR = "k8s";

    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "namespace", "resources", "images",
            "configMapGenerator", "secretGenerator");
    private static final Set<String> GENERATOR = Set.of("name", "files", "literals", "options");
    private static final Set<String> GENERATOR_OPTIONS = Set.of("disableNameSuffixHash", "labels");
    private static final Set<String> IMAGE = Set.of("name", "newName", "newTag");

    /**
     * What a generator makes.
     *
     * @param files  input files, relative to {@code k8s/}
     * @param keys   the keys of the generated data: file names and literal keys
     * @param labels the labels it puts on what it makes
     */
    record Generated(List<String> files, Set<String> keys, Map<String, String> labels) {
    }

    static Kustomization load() {
        String file = DIR + "/kustomization.yaml";
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Repo.read(file));
        requireKeys(file, root, TOP_LEVEL);
        if (!"kustomize.config.k8s.io/v1beta1".equals(root.get("apiVersion")) || !"Kustomization".equals(root.get("kind"))) {
            throw new IllegalArgumentException(file + ": apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        Map<String, String> imageTags = new LinkedHashMap<>();
        for (Map<String, Object> image : maps(file + " images", root.get("images"))) {
            requireKeys(file + " images", image, IMAGE);
            imageTags.put((String) image.get("name"), String.valueOf(image.get("newTag")));
        }
        return new Kustomization((String) root.get("namespace"), strings(file + " resources", root.get("resources")),
                generators(file + " configMapGenerator", root.get("configMapGenerator")),
                generators(file + " secretGenerator", root.get("secretGenerator")), imageTags);
    }

    /** Every file the kustomization reads: the resources and the generators' inputs, relative to the repository. */
    List<String> inputFiles() {
        List<String> files = new ArrayList<>();
        resources.forEach(r -> files.add(DIR + "/" + r));
        configMaps.values().forEach(g -> g.files().forEach(f -> files.add(DIR + "/" + f)));
        secrets.values().forEach(g -> g.files().forEach(f -> files.add(DIR + "/" + f)));
        return files;
    }

    private static Map<String, Generated> generators(String where, Object value) {
        Map<String, Generated> generated = new LinkedHashMap<>();
        for (Map<String, Object> generator : maps(where, value)) {
            requireKeys(where, generator, GENERATOR);
            String name = (String) generator.get("name");
            List<String> files = strings(where + " " + name + " files", generator.get("files"));
            Set<String> keys = new HashSet<>();
            files.forEach(f -> keys.add(f.substring(f.lastIndexOf('/') + 1)));
            for (String literal : strings(where + " " + name + " literals", generator.get("literals"))) {
                int equals = literal.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException(where + " " + name + ": literal '" + literal + "' is not key=value");
                }
                keys.add(literal.substring(0, equals));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (generator.get("options") instanceof Map<?, ?> options) {
                requireKeys(where + " " + name + " options", options, GENERATOR_OPTIONS);
                if (options.get("labels") instanceof Map<?, ?> l) {
                    l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
                }
            }
            if (generated.put(name, new Generated(files, keys, labels)) != null) {
                throw new IllegalArgumentException(where + ": " + name + " is generated twice");
            }
        }
        return generated;
    }

    private static void requireKeys(String where, Map<?, ?> map, Set<String> allowed) {
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(where + ": unknown field '" + key + "' (known: " + allowed + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(String where, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw new IllegalArgumentException(where + ": expected a list of mappings, was " + value);
        }
        return (List<Map<String, Object>>) list;
    }

    private static List<String> strings(String where, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new IllegalArgumentException(where + ": expected a list of strings, was " + value);
        }
        return list.stream().map(String.class::cast).toList();
    }
}
