package io.trawl.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exec jars are what the images are built from: layered as the Dockerfiles copy them, with the parts a container
 * needs. Runs where the jars are built (a full {@code ./mvnw verify} packages the services before this module);
 * skipped otherwise.
 */
class ExecJarsTest {

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void jarIsLayeredInTheOrderTheDockerfileCopies(TrawlService service) throws IOException {
        try (ZipFile jar = new ZipFile(execJar(service).toFile())) {
            assertThat(layers(jar)).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
            // java -Djarmode=tools ... extract needs the tools inside the jar
            assertThat(libraries(jar)).anyMatch(l -> l.startsWith("spring-boot-jarmode-tools-"));
        }
    }

    @ParameterizedTest
    @EnumSource(TrawlService.class)
    void jarCanAnswerHealthChecksInJson(TrawlService service) throws IOException {
        // Without a JSON converter /actuator/health answers 500, and every probe and healthcheck fails.
        try (ZipFile jar = new ZipFile(execJar(service).toFile())) {
            assertThat(libraries(jar)).as(service.module()).anyMatch(l -> l.startsWith("jackson-databind-3."));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TrawlService.class, names = "SCRIPT_RUNNER")
    void graalCompilerIsBesideTheRunnerJarForItsImage(TrawlService service) throws IOException {
        execJar(service);
        Path compiler = Repo.path(service.module() + "/target/graal-compiler");
        try (var files = Files.list(compiler)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .contains("compiler-" + Repo.pomProperty("graalvm.version") + ".jar",
                            "truffle-compiler-" + Repo.pomProperty("graalvm.version") + ".jar");
        }
    }

    private static Path execJar(TrawlService service) {
        Path jar = Repo.path(service.module() + "/target/trawl-" + service.module() + "-" + Repo.version() + "-exec.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " is not built (./mvnw -DskipTests package)");
        return jar;
    }

    private static List<String> libraries(ZipFile jar) {
        return jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith("BOOT-INF/lib/"))
                .map(n -> n.substring("BOOT-INF/lib/".length())).toList();
    }

    private static List<String> layers(ZipFile jar) throws IOException {
        ZipEntry index = jar.getEntry("BOOT-INF/layers.idx");
        assertThat(index).as("BOOT-INF/layers.idx").isNotNull();
        String text = new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
        Matcher layer = Pattern.compile("^- \"([^\"]+)\":", Pattern.MULTILINE).matcher(text);
        return layer.results().map(r -> r.group(1)).toList();
    }
}
