package io.trawl.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the numbers were measured on, and how busy it was; used by every harness, so public. */
public final class Machine {

    private Machine() {
    }

    /** The 1-minute load average, or NaN where there is no {@code /proc/loadavg}. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    /** CPU time of this whole JVM (every thread: the capture loop, the producer and the embedded broker). */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    public static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static long memoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / (double) (1L << 30));
        }
        return -1;
    }

    public static String javaVersion() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** Clock ticks per second of /proc/stat and /proc/self/stat ({@code getconf CLK_TCK}; 100 on Linux). */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private static double ticksPerSecond() {
        try {
            return Double.parseDouble(firstLine(List.of("getconf", "CLK_TCK")));
        } catch (RuntimeException e) {
            return 100;
        }
    }

    /**
     * CPU time counters from /proc, to tell how much CPU other processes took during a measurement: the whole
     * machine's busy time (steal included: CPU the VM did not get), minus this JVM's, minus that of the child
     * processes it waited for (tcpdump, ReaderMain). All zero where there is no /proc.
     */
    public record CpuSnapshot(long machineBusyTicks, long selfTicks, long childrenTicks, long nanoTime) {

        public static CpuSnapshot take() {
            long busy = 0;
            long self = 0;
            long children = 0;
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest is inside user
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(cpu[i]);
                }
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                self = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException e) {
                // no /proc: report zeros
            }
            return new CpuSnapshot(busy, self, children, System.nanoTime());
        }

        /** Cores' worth of CPU that processes other than this JVM and its children used since {@code before}. */
        public double othersCoresSince(CpuSnapshot before) {
            double seconds = (nanoTime - before.nanoTime) / 1e9;
            long others = (machineBusyTicks - before.machineBusyTicks) - (selfTicks - before.selfTicks)
                    - (childrenTicks - before.childrenTicks);
            return seconds > 0 ? Math.max(0, others / TICKS_PER_SECOND / seconds) : Double.NaN;
        }
    }

    /**
     * Samples for half a second at a time until processes other than this JVM use at most {@code maxCores}, or
     * {@code maxWaitNanos} have passed.
     *
     * @return true if the machine was quiet, false if the wait ran out
     */
    public static boolean awaitQuiet(double maxCores, long maxWaitNanos, java.util.function.Consumer<String> log)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitNanos;
        boolean told = false;
        while (true) {
            CpuSnapshot a = CpuSnapshot.take();
            Thread.sleep(500);
            double others = CpuSnapshot.take().othersCoresSince(a);
            if (!(others > maxCores)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (!told) {
                log.accept(String.format(java.util.Locale.ROOT,
                        "other processes use %.2f cores: waiting for them to go under %.2f", others, maxCores));
                told = true;
            }
        }
    }

    /** First line of a command's output, or what went wrong. */
    public static String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor(10, TimeUnit.SECONDS);
            return out.trim();
        } catch (IOException e) {
            return "not found (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
