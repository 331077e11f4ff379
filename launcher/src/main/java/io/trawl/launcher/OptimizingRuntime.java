package io.trawl.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gets the script engine its optimizing runtime however trawl was started: when this JVM lacks JVMCI and
 * the Graal compiler sits next to trawl.jar ({@code graal-compiler/}), re-runs trawl once in a child JVM
 * with the flags, waits for it and exits with its exit code; otherwise runs here, and says on one line why
 * scripts will run interpreted.
 *
 * <p>{@code ./trawl} passes the flags itself, so the child JVM only appears under a bare {@code java -jar}.
 * Set {@code TRAWL_NO_RELAUNCH=1} to never start one.
 */
final class OptimizingRuntime {

    /** The system property that marks the child JVM, so that it never starts another. */
    static final String RELAUNCHED_PROPERTY = "trawl.relaunched";
    static final String NO_RELAUNCH_ENV = "TRAWL_NO_RELAUNCH";
    static final String COMPILER_DIR = "graal-compiler";
    /** The only JDK feature release the bundled Graal compiler (25.0.3) runs on. */
    static final int JDK_FEATURE = 25;
    private static final String ENABLE_JVMCI = "-XX:+EnableJVMCI";
    private static final List<String> QUIET_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");

    private OptimizingRuntime() {
    }

    /** Commands that never run a script, so never need the optimizing runtime (nor a second JVM for it). */
    private static final Set<String> SCRIPTLESS = Set.of("dissect", "capture", "--version", "-V", "--help", "-h");

    /** Whether the command line may run a script: anything but the {@link #SCRIPTLESS} commands. */
    static boolean mayRunScripts(String[] args) {
        return args.length > 0 && !SCRIPTLESS.contains(args[0]);
    }

    /** What to do at start. */
    enum Action {
        /** This JVM has JVMCI: run here. */
        RUN,
        /** Re-run trawl in a child JVM with the JVMCI flags. */
        RELAUNCH,
        /** Run here, interpreted, after a warning. */
        RUN_INTERPRETED
    }

    /** An action, with the reason when it is {@link Action#RUN_INTERPRETED}. */
    record Decision(Action action, String reason) {
    }

    /** What the decision depends on; {@code jar} is null when trawl does not run from its jar. */
    record Environment(List<String> jvmArgs, boolean relaunched, boolean optedOut, int jdkFeature, Path jar,
                       boolean compilerDirExists) {
        Path compilerDir() {
            return jar == null ? null : compilerDirNextTo(jar);
        }
    }

    /** The decision, as a pure function of the environment. */
    static Decision decide(Environment env) {
        if (jvmciEnabled(env.jvmArgs())) {
            return new Decision(Action.RUN, "");
        }
        if (env.relaunched()) {
            return interpreted("the re-launched JVM still has no " + ENABLE_JVMCI);
        }
        if (env.optedOut()) {
            return interpreted(NO_RELAUNCH_ENV + " is set and the JVM was started without " + ENABLE_JVMCI);
        }
        if (env.jdkFeature() != JDK_FEATURE) {
            return interpreted("Java " + env.jdkFeature() + " runs trawl, and the Graal compiler needs Java "
                    + JDK_FEATURE);
        }
        if (env.jvmArgs().stream().anyMatch(a -> a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp"))) {
            return interpreted("a debugger agent is attached, so trawl does not re-launch itself");
        }
        if (env.jar() == null) {
            return interpreted("trawl is not running from trawl.jar, so there is no " + COMPILER_DIR
                    + " directory to find; start the JVM with -XX:+UnlockExperimentalVMOptions " + ENABLE_JVMCI
                    + " --upgrade-module-path=<the Graal compiler>");
        }
        if (!env.compilerDirExists()) {
            return interpreted("no Graal compiler at " + env.compilerDir()
                    + " (build it with ./mvnw -pl launcher -am package)");
        }
        return new Decision(Action.RELAUNCH, "");
    }

    private static Decision interpreted(String reason) {
        return new Decision(Action.RUN_INTERPRETED, reason);
    }

    static boolean jvmciEnabled(List<String> jvmArgs) {
        // The last occurrence wins, as it does for the JVM.
        boolean enabled = false;
        for (String arg : jvmArgs) {
            if (arg.equals(ENABLE_JVMCI)) {
                enabled = true;
            } else if (arg.equals("-XX:-EnableJVMCI")) {
                enabled = false;
            }
        }
        return enabled;
    }

    static Path compilerDirNextTo(Path jar) {
        Path parent = jar.toAbsolutePath().getParent();
        return parent == null ? Path.of(COMPILER_DIR) : parent.resolve(COMPILER_DIR);
    }

    /** The JVM flags that give the child JVM the optimizing runtime. */
    static List<String> jvmciFlags(Path compilerDir) {
        return List.of("-XX:+UnlockExperimentalVMOptions", ENABLE_JVMCI,
                "--upgrade-module-path=" + compilerDir.toAbsolutePath());
    }

    /**
     * The child's command line: this JVM's own options (such as -Xmx), the JVMCI flags and the marker
     * property, then {@code -jar} and the same arguments.
     */
    static List<String> childCommand(String java, List<String> jvmArgs, Path jar, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        for (String arg : jvmArgs) {
            if (!arg.startsWith("-D" + RELAUNCHED_PROPERTY + "=")) {
                command.add(arg);
            }
        }
        // What ./trawl passes too: JNA, Truffle and Kafka use native access and sun.misc.Unsafe.
        for (String flag : QUIET_FLAGS) {
            String name = flag.substring(0, flag.indexOf('=') + 1);
            if (jvmArgs.stream().noneMatch(a -> a.startsWith(name))) {
                command.add(flag);
            }
        }
        command.addAll(jvmciFlags(compilerDirNextTo(jar)));
        command.add("-D" + RELAUNCHED_PROPERTY + "=true");
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        return command;
    }

    /**
     * Where trawl.jar is. Under {@code java -jar}, the class path is the outer jar; the code source may be
     * a Spring Boot nested URL ({@code jar:nested:/path/trawl.jar/!BOOT-INF/classes/!/}) or a plain file.
     */
    static Path locateJar(String classPath, String codeSource) {
        if (classPath != null && !classPath.isBlank() && !classPath.contains(java.io.File.pathSeparator)
                && classPath.endsWith(".jar")) {
            return Path.of(classPath).toAbsolutePath();
        }
        if (codeSource == null) {
            return null;
        }
        String url = codeSource;
        int nested = url.indexOf("nested:");
        if (nested >= 0) {
            String rest = url.substring(nested + "nested:".length());
            int inner = rest.indexOf("/!");
            return Path.of(inner < 0 ? rest : rest.substring(0, inner)).toAbsolutePath();
        }
        if (url.startsWith("file:") && url.endsWith(".jar")) {
            try {
                return Path.of(java.net.URI.create(url)).toAbsolutePath();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** This JVM's environment. */
    static Environment current() {
        String codeSource = null;
        var domainSource = Trawl.class.getProtectionDomain().getCodeSource();
        if (domainSource != null && domainSource.getLocation() != null) {
            codeSource = domainSource.getLocation().toString();
        }
        Path jar = locateJar(System.getProperty("java.class.path"), codeSource);
        if (jar != null && !Files.isRegularFile(jar)) {
            jar = null;
        }
        return new Environment(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Boolean.getBoolean(RELAUNCHED_PROPERTY),
                "1".equals(System.getenv(NO_RELAUNCH_ENV)),
                Runtime.version().feature(),
                jar,
                jar != null && Files.isDirectory(compilerDirNextTo(jar)));
    }

    /**
     * Called first by {@code main}: returns when trawl should run in this JVM (after a warning when it runs
     * interpreted); otherwise runs the child JVM and exits with its exit code.
     */
    static void ensure(String[] args, PrintStream err) {
        if (!mayRunScripts(args)) {
            return;
        }
        Environment env = current();
        Decision decision = decide(env);
        switch (decision.action()) {
            case RUN -> {
            }
            case RUN_INTERPRETED -> err.println("trawl: warning: scripts will run on the slower fallback interpreter: "
                    + decision.reason());
            case RELAUNCH -> System.exit(relaunch(env, args, err));
        }
    }

    private static int relaunch(Environment env, String[] args, PrintStream err) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(childCommand(java, env.jvmArgs(), env.jar(), List.of(args)))
                .inheritIO();
        // The input arguments already hold what these variables added; the child must not add it twice.
        Map<String, String> childEnv = builder.environment();
        childEnv.remove("JDK_JAVA_OPTIONS");
        childEnv.remove("JAVA_TOOL_OPTIONS");
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            err.println("trawl: warning: scripts will run on the slower fallback interpreter: could not re-launch "
                    + java + ": " + e.getMessage());
            return Trawl.run(args);
        }
        // Ctrl-C reaches the child by itself (same process group, inherited terminal). A signal to this JVM
        // alone (kill <pid>) is passed on; either way this JVM waits for the child and exits as it did.
        Thread forward = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                Runtime.getRuntime().halt(waitFor(child));
            }
        }, "trawl-child-forwarder");
        Runtime.getRuntime().addShutdownHook(forward);
        return waitFor(child);
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // Keep waiting: this JVM ends with the child, not before it.
            }
        }
    }
}
