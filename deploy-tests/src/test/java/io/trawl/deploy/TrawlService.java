package io.trawl.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.Map;

/**
 * The five services Trawl deploys, each a module whose defaults ({@code <module>/src/main/resources/<module>.yml})
 * say its port: the images, compose file and manifests must agree with them.
 */
enum TrawlService {
    CAPTURE("capture-service"),
    DISSECTOR("dissector-service"),
    SCRIPT_RUNNER("script-runner-service"),
    JOB("job-service"),
    INTEGRATIONS("integrations-service");

    private final String module;

    TrawlService(String module) {
        this.module = module;
    }

    /** The module, which is also the image name, the compose service and the Kubernetes workload. */
    String module() {
        return module;
    }

    String image() {
        return "trawl/" + module + ":" + Repo.version();
    }

    /** {@code server.port} from the service's built-in defaults. */
    int port() {
        String file = module + "/src/main/resources/" + module + ".yml";
        Map<String, Object> defaults = new Yaml(new SafeConstructor(new LoaderOptions())).load(Repo.read(file));
        if (!(defaults.get("server") instanceof Map<?, ?> server) || !(server.get("port") instanceof Integer port)) {
            throw new IllegalStateException(file + " sets no server.port");
        }
        return port;
    }

    static TrawlService of(String module) {
        for (TrawlService service : values()) {
            if (service.module.equals(module)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no Trawl service " + module);
    }

    static boolean isTrawlImage(String image) {
        return image != null && image.startsWith("trawl/");
    }
}
