package io.trawl.launcher;

import io.trawl.capture.source.CaptureException;
import io.trawl.capture.source.live.Libpcap;
import io.trawl.script.engine.JsRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code trawl doctor}: one screen on what trawl runs on — the JDK, JVMCI and the script engine's runtime,
 * libpcap — to run first when something is slow or missing. Informational: it exits 0 unless a check
 * itself fails to run.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the environment: JDK, the script engine's optimizing runtime, libpcap."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        out.println(new Trawl.Version().getVersion()[0]);
        out.println("java:           " + System.getProperty("java.vm.vendor") + " " + Runtime.version()
                + " at " + System.getProperty("java.home"));
        out.println("jvmci:          " + (OptimizingRuntime.jvmciEnabled(jvmArgs) ? "enabled" : "not enabled")
                + (Boolean.getBoolean(OptimizingRuntime.RELAUNCHED_PROPERTY) ? " (re-launched by trawl)" : ""));
        String upgrade = jvmArgs.stream().filter(a -> a.startsWith("--upgrade-module-path="))
                .map(a -> a.substring("--upgrade-module-path=".length())).reduce((a, b) -> b).orElse("none");
        out.println("graal compiler: " + upgrade + (ModuleLayer.boot().findModule("jdk.graal.compiler").isPresent()
                ? " (module jdk.graal.compiler loaded)" : " (module jdk.graal.compiler not loaded)"));
        out.flush();
        try (JsRuntime runtime = JsRuntime.start()) {
            out.println("script engine:  " + runtime.describe());
        } catch (RuntimeException e) {
            out.println("script engine: failed to start: " + e);
        }
        try {
            Libpcap.require();
            out.println("libpcap:        '" + Libpcap.libraryName() + "' loads (live capture available)");
        } catch (CaptureException e) {
            out.println("libpcap:        missing: " + e.getMessage());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
