package io.trawl.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code trawl} script as users run it, after the build has made the jar, its extracted class path and the
 * AOT cache of {@code trawl dissect} (hence failsafe, after package). {@code TRAWL_NO_BUILD=1} keeps the script
 * from building again.
 */
class TrawlScriptIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SAMPLE = ROOT.resolve("testdata/examples/examples.pcap");

    record Run(int exit, String out, String err) {
    }

    @Test
    void dissectRunsFromTheExtractedClassPathWithTheAotCacheAndWritesTheSampleItems(@TempDir Path dir)
            throws Exception {
        Path items = dir.resolve("items.jsonl");
        // -Xlog to standard error: the JVM says which cache it opened, and from where it loaded trawl's classes
        Run run = trawl(Map.of("TRAWL_JAVA_OPTS", "-Xlog:aot=info:stderr -Xlog:class+load=info:stderr"),
                "dissect", SAMPLE.toString(), "--out", items.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("dissected 475 packets into 85 items (11 dns, 74 http)");
        assertThat(run.err()).contains("Opened AOT cache " + ROOT.resolve("launcher/target/app/dissect.aot"));
        // from the cache, or else from the extracted application jar: never from trawl.jar's nested jars
        assertThat(run.err()).containsPattern("io\\.trawl\\.dissect\\.flow\\.FlowTable source: (shared objects file"
                + "|.*launcher/target/app/lib/trawl-dissector-service)");
        assertThat(run.err()).doesNotContain("jar:nested:");
        assertThat(Files.readString(items)).isEqualTo(Files.readString(ROOT.resolve(
                "testdata/examples/examples.items.jsonl")));
    }

    @Test
    void jvmOptionsThatRuleOutTheCacheStillDissect() throws Exception {
        // -Xshare beside an AOT cache stops the JVM at start, so the script leaves the cache out
        Run noSharing = trawl(Map.of("TRAWL_JAVA_OPTS", "-Xshare:off"), "dissect", SAMPLE.toString(), "--quiet");
        assertThat(noSharing.exit()).as(noSharing.err()).isZero();
        assertThat(noSharing.err()).isEmpty();
        assertThat(noSharing.out().lines()).hasSize(85);

        // a module option the cache was not trained with: the JVM runs without the cache, and says nothing
        Run opens = trawl(Map.of("TRAWL_JAVA_OPTS", "--add-opens java.base/java.lang=ALL-UNNAMED"), "dissect",
                SAMPLE.toString(), "--quiet");
        assertThat(opens.exit()).as(opens.err()).isZero();
        assertThat(opens.err()).isEmpty();
        assertThat(opens.out().lines()).hasSize(85);
    }

    @Test
    void versionAndAScriptCommandRunFromTheExtractedClassPath() throws Exception {
        Run version = trawl(Map.of(), "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("trawl 0.1.0");
        assertThat(version.err()).isEmpty();

        // doctor may run scripts, so the script gives it the script engine's compiler
        Run doctor = trawl(Map.of(), "doctor");
        assertThat(doctor.exit()).as(doctor.err()).isZero();
        assertThat(doctor.out()).contains("module jdk.graal.compiler loaded");
        assertThat(doctor.out()).contains("optimizing runtime");
        assertThat(doctor.err()).doesNotContain("fallback interpreter");
    }

    @Test
    void aDamagedCaptureStillExitsWithTheCommandsOwnError(@TempDir Path dir) throws Exception {
        Path notACapture = dir.resolve("notes.pcap");
        Files.writeString(notACapture, "not a capture file\n");
        Run run = trawl(Map.of(), "dissect", notACapture.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("trawl dissect: ").contains(notACapture.toString());
    }

    private static Run trawl(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("trawl").toString()));
        command.addAll(List.of(args));
        File out = File.createTempFile("trawl-it", ".out");
        File err = File.createTempFile("trawl-it", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("TRAWL_NO_BUILD", "1");
            builder.environment().remove("TRAWL_JAVA_OPTS");
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("./trawl " + String.join(" ", args) + " ran for more than 2 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }
}
