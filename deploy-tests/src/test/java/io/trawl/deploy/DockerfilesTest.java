package io.trawl.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each service's image: the layered jar in cache-friendly order, a non-root user, a health check on its port. */
class DockerfilesTest {

    private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void buildsOnThePinnedTemurin25Jre(TrawlService service) {
        Dockerfile dockerfile = Dockerfile.of(service);
        // The Graal compiler the build copies must match the JRE's update exactly (graalvm.version in pom.xml).
        assertThat(dockerfile.all("ARG")).singleElement().asString()
                .matches("JRE_IMAGE=eclipse-temurin:" + Pattern.quote(Repo.pomProperty("graalvm.version")) + "_\\d+-jre-noble");
        assertThat(dockerfile.all("FROM")).containsExactly("${JRE_IMAGE} AS layers", "${JRE_IMAGE}");
    }

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void extractsTheLayeredJarAndCopiesTheLayersInOrder(TrawlService service) {
        Dockerfile dockerfile = Dockerfile.of(service);
        assertThat(dockerfile.all("COPY")).contains("trawl-" + service.module() + "-*-exec.jar app.jar");
        assertThat(dockerfile.all("RUN")).contains("java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted");
        List<String> layerCopies = dockerfile.finalStage().all("COPY").stream().filter(c -> c.startsWith("--from=layers")).toList();
        assertThat(layerCopies).containsExactlyElementsOf(
                LAYERS.stream().map(l -> "--from=layers /build/extracted/" + l + "/ ./").toList());
        assertThat(dockerfile.last("ENTRYPOINT")).endsWith("\"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void runsAsANumericNonRootUser(TrawlService service) {
        String user = Dockerfile.of(service).finalStage().last("USER");
        assertThat(user).matches("\\d+(:\\d+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
    }

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void exposesTheServicePortAndChecksReadinessThere(TrawlService service) {
        Dockerfile image = Dockerfile.of(service).finalStage();
        assertThat(image.all("EXPOSE")).containsExactly(String.valueOf(service.port()));
        assertThat(image.last("HEALTHCHECK")).contains("CMD curl")
                .contains("http://127.0.0.1:" + service.port() + "/actuator/health/readiness");
    }

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void listensBeyondLoopbackWithAHeapSizedToTheContainer(TrawlService service) {
        String env = Dockerfile.of(service).finalStage().last("ENV");
        assertThat(env).contains("SERVER_ADDRESS=0.0.0.0").contains("JDK_JAVA_OPTIONS=").contains("-XX:+ExitOnOutOfMemoryError");
        String flags = env.substring(env.indexOf("JDK_JAVA_OPTIONS=\"") + 18, env.lastIndexOf('"'));
        assertThat(HeapBudget.fractionOf(flags, new io.fabric8.kubernetes.api.model.Quantity("1Gi"))).isBetween(0.5, 0.75);
    }

    @Test
    void scriptRunnerRunsTheOptimizingRuntime() {
        Dockerfile image = Dockerfile.of(TrawlService.SCRIPT_RUNNER).finalStage();
        assertThat(image.all("COPY")).contains("graal-compiler/ /opt/trawl/graal-compiler/");
        assertThat(image.last("ENTRYPOINT")).contains("\"-XX:+UnlockExperimentalVMOptions\", \"-XX:+EnableJVMCI\", "
                + "\"--upgrade-module-path=/opt/trawl/graal-compiler\"");
        assertThat(image.all("RUN")).contains("java --list-modules | grep -q '^jdk.internal.vm.ci@'");
        assertThat(Repo.read("deploy/docker/script-runner-service/Dockerfile.dockerignore")).contains("!graal-compiler");
    }

    @Test
    void captureImageHasLibpcapUnderTheNamePcap4jLoads() {
        String install = String.join("\n", Dockerfile.of(TrawlService.CAPTURE).finalStage().all("RUN"));
        assertThat(install).contains("libpcap0.8").contains("ln -s libpcap.so.0.8");
        assertThat(Dockerfile.of(TrawlService.CAPTURE).last("ENTRYPOINT")).contains("-Djna.tmpdir=/tmp/jna");
    }

    @Test
    void buildScriptBuildsEveryImage() {
        String script = Repo.read("deploy/build-images.sh");
        assertThat(script).contains("services=(" + String.join(" ", Arrays.stream(TrawlService.values()).map(TrawlService::module).toList()) + ")");
        assertThat(script).contains("tag=\"${TRAWL_IMAGE_TAG:-" + Repo.version() + "}\"");
    }

    @Test
    void continuedLinesAreOneInstruction() {
        Dockerfile parsed = Dockerfile.parse("test", """
                # comment
                FROM base
                RUN a \\
                 && b
                USER 10001
                """);
        assertThat(parsed.instructions()).extracting(Dockerfile.Instruction::keyword).containsExactly("FROM", "RUN", "USER");
        assertThat(parsed.all("RUN")).containsExactly("a  && b");
        assertThatThrownBy(() -> Dockerfile.parse("test", "RUN a \\\n")).hasMessageContaining("ends inside a continued line");
    }
}
