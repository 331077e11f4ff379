package io.trawl.bench.script;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.trawl.bench.Machine;

/**
 * CPU time of this JVM's Java threads, grouped by what they do, to tell where a pass's CPU went beside the
 * thread that calls the hooks: the script watchdog, the Truffle compiler, the script workers. What the
 * JVM's own threads use (GC, C1/C2) is the process's CPU less all Java threads' CPU.
 */
final class ThreadCpu {

    static final String CALLER = "harness thread (calls or submits)";
    static final String JVM = "JVM threads (GC, C1/C2 JIT)";
    static final String TRUFFLE = "Truffle compiler";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuById;
    private final Map<Long, String> nameById;
    private final long process;
    private final long caller;

    private ThreadCpu(Map<Long, Long> cpuById, Map<Long, String> nameById, long process, long caller) {
        this.cpuById = cpuById;
        this.nameById = nameById;
        this.process = process;
        this.caller = caller;
    }

    static ThreadCpu take() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long c = THREADS.getThreadCpuTime(ids[i]);
            if (c >= 0 && infos[i] != null) {
                cpu.put(ids[i], c);
                names.put(ids[i], infos[i].getThreadName());
            }
        }
        return new ThreadCpu(cpu, names, Machine.processCpuNanos(), Thread.currentThread().threadId());
    }

    /** Seconds of CPU per group since {@code before}, the harness thread first and the JVM's own threads last. */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> groups = new LinkedHashMap<>();
        groups.put(CALLER, 0.0);
        double java = 0;
        for (Map.Entry<Long, Long> e : cpuById.entrySet()) {
            double s = (e.getValue() - before.cpuById.getOrDefault(e.getKey(), 0L)) / 1e9;
            if (s <= 0) {
                continue;
            }
            java += s;
            String group = e.getKey() == caller ? CALLER : group(nameById.get(e.getKey()));
            groups.merge(group, s, Double::sum);
        }
        groups.put(JVM, Math.max(0, (process - before.process) / 1e9 - java));
        return groups;
    }

    private static String group(String name) {
        if (name.startsWith("trawl-script-watchdog")) {
            return "script watchdog";
        }
        if (name.startsWith("trawl-script-worker")) {
            return "script workers";
        }
        if (name.contains("Truffle") || name.contains("JVMCI") || name.contains("Graal")) {
            return TRUFFLE;
        }
        return "other Java threads";
    }
}
