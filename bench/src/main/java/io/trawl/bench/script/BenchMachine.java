package io.trawl.bench.script;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bench module's own {@code io.trawl.bench.Machine} (load average, CPU of other processes, waiting for a
 * quiet machine) and {@code Reports.publish}, reached from this package. Both are package-private in
 * {@code io.trawl.bench}; rather than copy them, this calls them reflectively (same unnamed module, so access
 * checks can be suppressed). Making the two classes public would let this adapter go.
 */
final class BenchMachine {

    private static final Class<?> MACHINE = type("io.trawl.bench.Machine");
    private static final Class<?> SNAPSHOT = type("io.trawl.bench.Machine$CpuSnapshot");
    private static final Class<?> REPORTS = type("io.trawl.bench.Reports");

    private BenchMachine() {
    }

    /** A /proc CPU snapshot, to tell how much CPU other processes took between two of them. */
    record Cpu(Object snapshot) {

        static Cpu take() {
            return new Cpu(call(SNAPSHOT, null, "take", new Class<?>[0]));
        }

        /** Cores' worth of CPU that processes other than this JVM used since {@code before}. */
        double othersCoresSince(Cpu before) {
            return (double) call(SNAPSHOT, snapshot, "othersCoresSince", new Class<?>[] {SNAPSHOT},
                    before.snapshot);
        }
    }

    static double loadAverage() {
        return (double) call(MACHINE, null, "loadAverage", new Class<?>[0]);
    }

    static long processCpuNanos() {
        return (long) call(MACHINE, null, "processCpuNanos", new Class<?>[0]);
    }

    static String cpuModel() {
        return (String) call(MACHINE, null, "cpuModel", new Class<?>[0]);
    }

    static int cores() {
        return (int) call(MACHINE, null, "cores", new Class<?>[0]);
    }

    static long memoryGiB() {
        return (long) call(MACHINE, null, "memoryGiB", new Class<?>[0]);
    }

    static String javaVersion() {
        return (String) call(MACHINE, null, "javaVersion", new Class<?>[0]);
    }

    static String firstLine(List<String> command) {
        return (String) call(MACHINE, null, "firstLine", new Class<?>[] {List.class}, command);
    }

    /** True if other processes went under {@code maxCores} within {@code maxWaitNanos}. */
    static boolean awaitQuiet(double maxCores, long maxWaitNanos, Consumer<String> log) {
        return (boolean) call(MACHINE, null, "awaitQuiet",
                new Class<?>[] {double.class, long.class, Consumer.class}, maxCores, maxWaitNanos, log);
    }

    static void publish(String harness, String report, Path file) {
        call(REPORTS, null, "publish", new Class<?>[] {String.class, String.class, Path.class}, harness, report,
                file);
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is missing from the bench module", e);
        }
    }

    private static Object call(Class<?> type, Object target, String name, Class<?>[] parameters,
                               Object... args) {
        try {
            Method m = type.getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(type.getSimpleName() + "." + name + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + type.getName() + "." + name, e);
        }
    }
}
