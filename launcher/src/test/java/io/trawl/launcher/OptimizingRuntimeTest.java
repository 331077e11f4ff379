package io.trawl.launcher;

import io.trawl.launcher.OptimizingRuntime.Action;
import io.trawl.launcher.OptimizingRuntime.Environment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.trawl.launcher.OptimizingRuntime.decide;
import static org.assertj.core.api.Assertions.assertThat;

/** The re-launch decision as a function of the JVM's arguments, properties and files. */
class OptimizingRuntimeTest {

    private static final Path JAR = Path.of("/opt/trawl/launcher/target/trawl.jar");

    private static Environment env(List<String> jvmArgs, boolean relaunched, boolean optedOut, int feature, Path jar,
                                   boolean dir) {
        return new Environment(jvmArgs, relaunched, optedOut, feature, jar, dir);
    }

    private static Environment plain() {
        return env(List.of("-Xmx2g"), false, false, 25, JAR, true);
    }

    @Test
    void bareJavaJarWithTheCompilerNextToItRelaunches() {
        assertThat(decide(plain()).action()).isEqualTo(Action.RELAUNCH);
    }

    @Test
    void commandsThatRunNoScriptNeverNeedTheRuntime() {
        for (String command : List.of("dissect", "capture", "--version", "-V", "--help", "-h")) {
            assertThat(OptimizingRuntime.mayRunScripts(new String[] {command, "x"})).as(command).isFalse();
        }
        for (String command : List.of("local", "script", "scripts", "service", "doctor")) {
            assertThat(OptimizingRuntime.mayRunScripts(new String[] {command})).as(command).isTrue();
        }
        assertThat(OptimizingRuntime.mayRunScripts(new String[0])).isFalse();
    }

    @Test
    void jvmWithJvmciRunsHere() {
        var env = env(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI"), false, false, 25, JAR, true);
        assertThat(decide(env).action()).isEqualTo(Action.RUN);
    }

    @Test
    void lastJvmciFlagWins() {
        assertThat(OptimizingRuntime.jvmciEnabled(List.of("-XX:+EnableJVMCI", "-XX:-EnableJVMCI"))).isFalse();
        assertThat(OptimizingRuntime.jvmciEnabled(List.of("-XX:-EnableJVMCI", "-XX:+EnableJVMCI"))).isTrue();
    }

    @Test
    void childNeverRelaunchesAgain() {
        var decision = decide(env(List.of(), true, false, 25, JAR, true));
        assertThat(decision.action()).isEqualTo(Action.RUN_INTERPRETED);
        assertThat(decision.reason()).contains("re-launched");
    }

    @Test
    void optOutRunsInterpretedAndSaysWhy() {
        var decision = decide(env(List.of(), false, true, 25, JAR, true));
        assertThat(decision.action()).isEqualTo(Action.RUN_INTERPRETED);
        assertThat(decision.reason()).contains("TRAWL_NO_RELAUNCH");
    }

    @Test
    void otherJdkRunsInterpreted() {
        var decision = decide(env(List.of(), false, false, 21, JAR, true));
        assertThat(decision.action()).isEqualTo(Action.RUN_INTERPRETED);
        assertThat(decision.reason()).contains("Java 21").contains("Java 25");
    }

    @Test
    void missingCompilerDirRunsInterpretedNamingTheDir() {
        var decision = decide(env(List.of(), false, false, 25, JAR, false));
        assertThat(decision.action()).isEqualTo(Action.RUN_INTERPRETED);
        assertThat(decision.reason()).contains(Path.of("/opt/trawl/launcher/target/graal-compiler").toString());
    }

    @Test
    void notFromTheJarRunsInterpreted() {
        var decision = decide(env(List.of(), false, false, 25, null, false));
        assertThat(decision.action()).isEqualTo(Action.RUN_INTERPRETED);
        assertThat(decision.reason()).contains("not running from trawl.jar");
    }

    @Test
    void debuggerAttachedRunsHere() {
        var decision = decide(env(List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"), false, false,
                25, JAR, true));
        assertThat(decision.action()).isEqualTo(Action.RUN_INTERPRETED);
    }

    @Test
    void childKeepsJvmOptionsAndArgumentsAndAddsTheFlags() {
        List<String> command = OptimizingRuntime.childCommand("/jdk/bin/java",
                List.of("-Xmx2g", "-Dtrawl.relaunched=false", "--enable-native-access=ALL-UNNAMED"), JAR,
                List.of("dissect", "a b.pcap"));
        assertThat(command).containsExactly("/jdk/bin/java", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + Path.of("/opt/trawl/launcher/target/graal-compiler"),
                "-Dtrawl.relaunched=true", "-jar", JAR.toString(), "dissect", "a b.pcap");
    }

    @Test
    void jarFromClassPathUnderJavaJar() {
        assertThat(OptimizingRuntime.locateJar("/opt/trawl/launcher/target/trawl.jar", null)).isEqualTo(JAR);
    }

    @Test
    void jarFromSpringBootNestedCodeSource() {
        var url = "jar:nested:/opt/trawl/launcher/target/trawl.jar/!BOOT-INF/classes/!/";
        assertThat(OptimizingRuntime.locateJar("target/classes:other.jar", url)).isEqualTo(JAR);
    }

    @Test
    void noJarFromClassesDirectory() {
        var url = Path.of("target/classes").toUri().toString();
        assertThat(OptimizingRuntime.locateJar("target/classes:lib.jar", url)).isNull();
    }
}
