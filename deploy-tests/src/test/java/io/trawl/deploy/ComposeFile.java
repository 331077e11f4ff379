package io.trawl.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.List;
import java.util.Map;

/** {@code docker-compose.yml} as plain YAML (anchors and merge keys resolved), with typed access to its parts. */
record ComposeFile(Map<String, Object> root) {

    static ComposeFile load() {
        return new ComposeFile(new Yaml(new SafeConstructor(new LoaderOptions())).load(Repo.read("docker-compose.yml")));
    }

    Map<String, Object> services() {
        return map(root, "services", "docker-compose.yml");
    }

    Map<String, Object> service(String name) {
        return map(services(), name, "services");
    }

    /** A mapping below {@code parent}, or an error naming where it was expected. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key, String where) {
        if (!(parent.get(key) instanceof Map<?, ?> child)) {
            throw new AssertionError(where + "." + key + " is not a mapping: " + parent.get(key));
        }
        return (Map<String, Object>) child;
    }

    /** A list of strings below {@code parent}, empty when absent. */
    static List<String> strings(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new AssertionError(key + " is not a list: " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** {@code depends_on} as a map of service to condition (the list form has no condition: null). */
    static Map<String, Object> dependsOn(Map<String, Object> service) {
        Object value = service.get("depends_on");
        if (value == null) {
            return Map.of();
        }
        if (value instanceof List<?> list) {
            Map<String, Object> plain = new java.util.LinkedHashMap<>();
            list.forEach(s -> plain.put(String.valueOf(s), null));
            return plain;
        }
        return map(service, "depends_on", "service");
    }
}
