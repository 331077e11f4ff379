package io.trawl.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.trawl.bench.MarkdownTable.count;
import static io.trawl.bench.MarkdownTable.oneDecimal;

/**
 * Where the time went in a JFR recording: execution samples (Java code that was running on a CPU) summarised by
 * top frame (self), by method anywhere on the stack (inclusive), by the innermost Trawl frame (JDK and library
 * code charged to the Trawl method that called it), and by top frame with its line; plus GC pauses and sampled
 * allocation by the innermost Trawl frame and by class. {@code JfrSummary RECORDING.jfr [TOP_N]} prints Markdown.
 *
 * <p>JFR samples Java threads only: GC worker threads and the JIT compilers do not appear among the samples; the
 * GC's share shows in the pause and phase totals instead.
 */
public final class JfrSummary {

    /** Frames of these packages are Trawl's own. */
    static final String TRAWL = "io.trawl.";

    private final Map<String, Integer> selfMethod = new HashMap<>();
    private final Map<String, Integer> selfLine = new HashMap<>();
    private final Map<String, Integer> inclusive = new HashMap<>();
    private final Map<String, Integer> innermostTrawl = new HashMap<>();
    private final Map<String, Integer> innermostTrawlLine = new HashMap<>();
    private final Map<String, Integer> byThread = new HashMap<>();
    private final Map<String, Long> allocByTrawlFrame = new HashMap<>();
    private final Map<String, Long> allocByClass = new HashMap<>();
    /** Every sample's stack, innermost frame first, as type.method names: for the share queries below. */
    private final List<String[]> stacks = new ArrayList<>();
    /** Allocation samples, aggregated once the whole recording is read; see {@link #aggregateAllocations}. */
    private final List<AllocSample> allocSamples = new ArrayList<>();

    private record AllocSample(long thread, java.time.Instant time, long weight, String objectClass, String where) {
    }
    private int samples;
    private long allocBytes;
    private Duration gcPauses = Duration.ZERO;
    private int gcPauseCount;
    private Duration recording = Duration.ZERO;
    private Duration gcCpu = Duration.ZERO;
    private Duration compilerTime = Duration.ZERO;
    private long compilations;

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: JfrSummary RECORDING.jfr [TOP_N]");
            System.exit(2);
        }
        int top = args.length == 2 ? Integer.parseInt(args[1]) : 15;
        System.out.println(read(Path.of(args[0])).render(top, null));
    }

    /** Reads every event of the recording. */
    static JfrSummary read(Path recording) throws IOException {
        JfrSummary s = new JfrSummary();
        java.time.Instant first = null;
        java.time.Instant last = null;
        try (RecordingFile f = new RecordingFile(recording)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (first == null || e.getStartTime().isBefore(first)) {
                    first = e.getStartTime();
                }
                if (last == null || e.getEndTime().isAfter(last)) {
                    last = e.getEndTime();
                }
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> s.sample(e);
                    case "jdk.ObjectAllocationSample" -> s.allocation(e);
                    case "jdk.GarbageCollection" -> {
                        s.gcPauses = s.gcPauses.plus(e.getDuration("sumOfPauses"));
                        s.gcPauseCount++;
                    }
                    case "jdk.GCCPUTime" -> s.gcCpu = s.gcCpu.plus(e.getDuration("userTime"))
                            .plus(e.getDuration("systemTime"));
                    case "jdk.CompilerStatistics" -> {
                        // cumulative since the JVM started: the last (largest) one counts
                        Duration total = e.getDuration("totalTimeSpent");
                        if (total.compareTo(s.compilerTime) > 0) {
                            s.compilerTime = total;
                            s.compilations = e.getLong("compileCount");
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (first != null) {
            s.recording = Duration.between(first, last);
        }
        s.aggregateAllocations();
        return s;
    }

    private void sample(RecordedEvent e) {
        RecordedStackTrace st = e.getStackTrace();
        if (st == null || st.getFrames().isEmpty()) {
            return;
        }
        samples++;
        RecordedThread t = e.getThread("sampledThread");
        byThread.merge(t == null ? "?" : String.valueOf(t.getJavaName()), 1, Integer::sum);
        List<RecordedFrame> frames = st.getFrames();
        RecordedFrame top = frames.getFirst();
        selfMethod.merge(method(top.getMethod()), 1, Integer::sum);
        selfLine.merge(method(top.getMethod()) + ":" + top.getLineNumber(), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        String trawl = null;
        String trawlLine = null;
        String[] stack = new String[frames.size()];
        int depth = 0;
        for (RecordedFrame fr : frames) {
            String m = method(fr.getMethod());
            stack[depth++] = m;
            if (seen.add(m)) {
                inclusive.merge(m, 1, Integer::sum);
            }
            if (trawl == null && m.startsWith(TRAWL)) {
                trawl = m;
                trawlLine = m + ":" + fr.getLineNumber();
            }
        }
        innermostTrawl.merge(trawl == null ? "(no Trawl frame)" : trawl, 1, Integer::sum);
        innermostTrawlLine.merge(trawl == null ? "(no Trawl frame)" : trawlLine, 1, Integer::sum);
        stacks.add(stack);
    }

    private void allocation(RecordedEvent e) {
        RecordedThread thread = e.getThread("eventThread");
        long weight = e.getLong("weight");
        jdk.jfr.consumer.RecordedClass c = e.getClass("objectClass");
        RecordedStackTrace st = e.getStackTrace();
        String where = "(no stack)";
        if (st != null) {
            where = "(no Trawl frame)";
            for (RecordedFrame fr : st.getFrames()) {
                String m = method(fr.getMethod());
                if (m.startsWith(TRAWL)) {
                    where = m + ":" + fr.getLineNumber();
                    break;
                }
            }
        }
        allocSamples.add(new AllocSample(thread == null ? -1 : thread.getId(), e.getStartTime(), weight,
                c == null ? "?" : c.getName(), where));
    }

    /**
     * A sample's weight is what its thread allocated since that thread's previous sample, so the earliest sample of
     * each thread in a recording started in a running JVM carries everything allocated before the recording (tens
     * of GB in the harness): it is left out.
     */
    private void aggregateAllocations() {
        Map<Long, java.time.Instant> first = new HashMap<>();
        for (AllocSample a : allocSamples) {
            first.merge(a.thread(), a.time(), (x, y) -> x.isBefore(y) ? x : y);
        }
        Set<Long> skipped = new HashSet<>();
        for (AllocSample a : allocSamples) {
            if (a.time().equals(first.get(a.thread())) && skipped.add(a.thread())) {
                continue;
            }
            allocBytes += a.weight();
            allocByClass.merge(a.objectClass(), a.weight(), Long::sum);
            allocByTrawlFrame.merge(a.where(), a.weight(), Long::sum);
        }
        allocSamples.clear();
    }

    private static String method(RecordedMethod m) {
        if (m == null) {
            return "?";
        }
        return m.getType().getName() + "." + m.getName();
    }

    int samples() {
        return samples;
    }

    /** Share of samples whose stack has a frame of a method whose type.name starts with {@code prefix}, 0..1. */
    double inclusiveShare(String prefix) {
        if (samples == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (String[] stack : stacks) {
            for (String m : stack) {
                if (m.startsWith(prefix)) {
                    n++;
                    break;
                }
            }
        }
        return n / (double) samples;
    }

    /** Share of samples with a frame starting with {@code inside} and, nearer the top, one starting with {@code
     * prefix}: the part of {@code inside}'s time spent in {@code prefix}. */
    double inclusiveShareWithin(String prefix, String inside) {
        if (samples == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (String[] stack : stacks) {
            boolean seenPrefix = false;
            for (String m : stack) {
                if (m.startsWith(prefix)) {
                    seenPrefix = true;
                }
                if (m.startsWith(inside) && seenPrefix) {
                    n++;
                    break;
                }
            }
        }
        return n / (double) samples;
    }

    /** Share of samples whose innermost Trawl frame is a method of a type whose name starts with {@code prefix}. */
    double innermostShare(String prefix) {
        if (samples == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (Map.Entry<String, Integer> e : innermostTrawl.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                n += e.getValue();
            }
        }
        return n / (double) samples;
    }

    Duration gcPauses() {
        return gcPauses;
    }

    /** CPU of the GC threads (jdk.GCCPUTime, user + system), zero when the recording has none. */
    Duration gcCpu() {
        return gcCpu;
    }

    /** Time the JIT compilers spent compiling since the JVM started (jdk.CompilerStatistics). */
    Duration compilerTime() {
        return compilerTime;
    }

    /** Markdown: several small tables of the top entries. {@code title} heads the section if not null. */
    String render(int top, String title) {
        StringBuilder s = new StringBuilder();
        if (title != null) {
            s.append(title).append("\n\n");
        }
        s.append(String.format(Locale.ROOT,
                "%,d execution samples of Java threads (%s); recording %.1f s. Not sampled, since they are not Java "
                        + "threads: the GC (%d collections, %.0f ms of pauses, %.2f s of GC CPU by jdk.GCCPUTime) and "
                        + "the JIT compilers (%,d compilations, %.2f s spent compiling by jdk.CompilerStatistics, "
                        + "JVM start included). Sampled allocation: %s MB in all.%n%n",
                samples, threads(), recording.toNanos() / 1e9, gcPauseCount, gcPauses.toNanos() / 1e6,
                gcCpu.toNanos() / 1e9, compilations, compilerTime.toNanos() / 1e9, oneDecimal(allocBytes / 1e6)));
        s.append("Top frames (self time):\n\n").append(table(selfMethod, top, "Method")).append('\n');
        s.append("Top frames with their line (self time):\n\n").append(table(selfLine, top, "Method:line"))
                .append('\n');
        s.append("Innermost Trawl frame (the JDK and library code it calls charged to it):\n\n")
                .append(table(innermostTrawl, top, "Method")).append('\n');
        s.append("Innermost Trawl frame with its line:\n\n")
                .append(table(innermostTrawlLine, top, "Method:line")).append('\n');
        Map<String, Integer> trawlInclusive = new LinkedHashMap<>();
        inclusive.forEach((k, v) -> {
            if (k.startsWith(TRAWL)) {
                trawlInclusive.put(k, v);
            }
        });
        s.append("Trawl methods anywhere on the stack (inclusive time):\n\n")
                .append(table(trawlInclusive, 2 * top, "Method")).append('\n');
        s.append("Sampled allocation by innermost Trawl frame:\n\n").append(bytesTable(allocByTrawlFrame, top, "Where"))
                .append('\n');
        s.append("Sampled allocation by class:\n\n").append(bytesTable(allocByClass, top, "Class")).append('\n');
        return s.toString();
    }

    private String threads() {
        List<Map.Entry<String, Integer>> l = new ArrayList<>(byThread.entrySet());
        l.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : l) {
            parts.add(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / samples));
        }
        return String.join(", ", parts);
    }

    private String table(Map<String, Integer> counts, int top, String what) {
        MarkdownTable t = new MarkdownTable(">#", what, ">Samples", ">Share");
        List<Map.Entry<String, Integer>> l = new ArrayList<>(counts.entrySet());
        l.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        for (int i = 0; i < Math.min(top, l.size()); i++) {
            Map.Entry<String, Integer> e = l.get(i);
            t.row(i + 1, "`" + e.getKey() + "`", count(e.getValue()),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * e.getValue() / samples));
        }
        return t.render();
    }

    private String bytesTable(Map<String, Long> bytes, int top, String what) {
        MarkdownTable t = new MarkdownTable(">#", what, ">Sampled MB", ">Share");
        List<Map.Entry<String, Long>> l = new ArrayList<>(bytes.entrySet());
        l.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (int i = 0; i < Math.min(top, l.size()); i++) {
            Map.Entry<String, Long> e = l.get(i);
            t.row(i + 1, "`" + e.getKey() + "`", oneDecimal(e.getValue() / 1e6),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * e.getValue() / allocBytes));
        }
        return t.render();
    }
}
