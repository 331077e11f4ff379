package io.trawl.script.engine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalJS {@link Engine} that all script contexts share, plus what kind of Truffle runtime runs it.
 *
 * <p>Sharing one Engine keeps parsed code and compiled hooks across contexts and makes a new context cost
 * about a millisecond instead of several. Contexts built by {@link #newContext()} get no host access, no
 * IO, no threads and no JS globals that reach outside the sandbox ({@code load}, {@code print},
 * {@code console}, {@code Graal}); {@code Java}, {@code require} and {@code Polyglot} are undefined.
 *
 * <p>Limits: this is not an isolate. A hook shares the JVM's heap, and only a caller that runs
 * {@link Context#interrupt(java.time.Duration)} from a watchdog stops a runaway loop.
 *
 * <p>The optimizing runtime needs JDK 25 with {@code -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI}
 * and the Graal compiler of exactly the polyglot version on {@code --upgrade-module-path}; otherwise
 * Truffle falls back to its interpreter, which still works but runs hooks 4-9 times slower.
 */
public final class JsRuntime implements AutoCloseable {

    /** What {@link Engine#getImplementationName()} answers when Truffle runs on its fallback interpreter. */
    static final String INTERPRETED = "Interpreted";

    private final Engine engine;
    private final String fallbackReason;

    private JsRuntime(Engine engine, String fallbackReason) {
        this.engine = engine;
        this.fallbackReason = fallbackReason;
    }

    /**
     * Builds the shared engine. What the engine logs while it starts (the interpreter-only warning) goes
     * into {@link #describe()}; what it logs later goes to {@code System.err}.
     */
    public static JsRuntime start() {
        // Truffle logs why it fell back to the interpreter while the engine is built; keep that text.
        var log = new StartupLog(System.err);
        Engine engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "true")
                .logHandler(log)
                .build();
        return new JsRuntime(engine, fallbackReason(log.endStartup()));
    }

    /** A new sandboxed context on the shared engine. Use it from one thread at a time; close it when done. */
    public Context newContext() {
        return sandboxed().build();
    }

    /**
     * A new sandboxed context, as {@link #newContext()}, whose statement budget is {@code limits}. Call
     * {@link Context#resetLimits()} before each guest call to make the budget per call; once it is exceeded
     * the context is cancelled for good and must be closed.
     */
    public Context newContext(ResourceLimits limits) {
        return sandboxed().resourceLimits(Objects.requireNonNull(limits, "limits")).build();
    }

    private Context.Builder sandboxed() {
        return Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false");
    }

    /** True when guest code is compiled by Graal, false on the fallback interpreter. */
    public boolean optimized() {
        return !INTERPRETED.equals(engine.getImplementationName());
    }

    /** One line naming the runtime, and why it is the interpreter when it is. */
    public String describe() {
        String line = "GraalJS on " + engine.getImplementationName()
                + (optimized() ? " (optimizing runtime)" : " (fallback interpreter)");
        return fallbackReason.isEmpty() ? line : line + ": " + fallbackReason;
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Keeps the "cause was found" sentence of Truffle's interpreter-only warning, on one line. */
    static String fallbackReason(String log) {
        String text = Objects.requireNonNull(log).replaceAll("\\s+", " ").strip();
        int cause = text.indexOf("The following cause was found:");
        if (cause >= 0) {
            text = text.substring(cause + "The following cause was found:".length()).strip();
        }
        int more = text.indexOf(" For more information see:");
        return more < 0 ? text : text.substring(0, more);
    }

    /**
     * The engine's log: kept (up to a bound) until the engine is built, then passed on to {@code err}, so
     * that later engine logs, such as {@code engine.TraceCompilation}, are neither lost nor piled up.
     */
    private static final class StartupLog extends OutputStream {
        private static final int MAX_KEPT = 16 * 1024;

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final PrintStream err;
        private volatile boolean starting = true;

        StartupLog(PrintStream err) {
            this.err = err;
        }

        String endStartup() {
            synchronized (kept) {
                starting = false;
                return kept.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (kept) {
                if (starting) {
                    kept.write(bytes, offset, Math.min(length, Math.max(0, MAX_KEPT - kept.size())));
                    return;
                }
            }
            err.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            err.flush();
        }
    }
}
