package io.trawl.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trawl doctor} in this JVM, which surefire starts with the JVMCI flags and the compiler this module
 * copies, as ./trawl does. (The jar itself is built after the tests, so it is not run here.)
 */
class DoctorCommandTest {

    @Test
    void reportsJdkJvmciTheOptimizingRuntimeAndLibpcap() {
        StringWriter out = new StringWriter();
        CommandLine cli = Trawl.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));

        int code = cli.execute("doctor");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("java:           ")
                .contains("jvmci:          enabled")
                .contains("module jdk.graal.compiler loaded")
                .contains("script engine:  GraalJS on ").contains("(optimizing runtime)")
                .containsPattern("libpcap: +('pcap' loads|missing: )");
    }
}
