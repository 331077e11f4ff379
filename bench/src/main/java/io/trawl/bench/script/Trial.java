package io.trawl.bench.script;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.trawl.bench.Machine;
import io.trawl.bench.Series;

import static io.trawl.bench.script.ScriptBench.LOG;

/**
 * Measures one row: builds its runner, warms it up with whole passes over the corpus for at least
 * {@code warmupSeconds} and until the Truffle compiler has gone quiet (at most three times that; every
 * {@link #CHUNK} items timed, to see when the JIT got there), then times
 * {@code runs} passes, each after waiting for the machine to be quiet. After every pass, warm-up included, the
 * lines the hook printed are compared with what they must be.
 */
final class Trial {

    static final int CHUNK = 10_000;

    /**
     * @param expected the lines pass {@code i} must print, or null when the row prints nothing
     * @param sorted   compare the lines sorted (worker threads interleave them)
     */
    record Row(String id, String hook, String delivery, String runner, int threads, Supplier<PassRunner> factory,
               IntFunction<List<String>> expected, boolean sorted, double warmupSeconds) {
    }

    /** One timed pass. */
    record Pass(double wall, double threadCpu, double processCpu, double load, double others, int lines,
                Map<String, Double> cpuByThreads) {
    }

    /** What a row measured. */
    record Result(Row row, List<Pass> passes, Series wallRate, double steadyAfterSeconds, double[] curve,
                  double firstReachedSeconds, double firstChunkSeconds,
                  double firstPassRate, double warmupWall, double warmupCpu, int warmupPasses, int checkedPasses,
                  List<String> firstPassLines, long scriptErrors) {

        /** Median over the timed passes of items per second of the calling thread's CPU. */
        double perThreadCpu(ItemCorpus c) {
            return Series.median(passes.stream().map(p -> c.size() / p.threadCpu()).toList());
        }

        double perProcessCpu(ItemCorpus c) {
            return Series.median(passes.stream().map(p -> c.size() / p.processCpu()).toList());
        }

        double wall(ItemCorpus c) {
            return wallRate.median();
        }

        double coresUsed() {
            return Series.median(passes.stream().map(p -> p.processCpu() / p.wall()).toList());
        }

        /** CPU seconds per item by thread group, summed over the timed passes. */
        Map<String, Double> cpuPerItem(ItemCorpus c) {
            Map<String, Double> sum = new LinkedHashMap<>();
            for (Pass p : passes) {
                p.cpuByThreads().forEach((k, v) -> sum.merge(k, v / c.size() / passes.size(), Double::sum));
            }
            return sum;
        }
    }

    private final ItemCorpus corpus;
    private final int runs;
    private final double quietCores;
    private final long quietWaitNanos;
    private int quietTimeouts;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    Trial(ItemCorpus corpus, int runs, double quietCores, int quietWaitSeconds) {
        this.corpus = corpus;
        this.runs = runs;
        this.quietCores = quietCores;
        this.quietWaitNanos = quietWaitSeconds * 1_000_000_000L;
    }

    int quietTimeouts() {
        return quietTimeouts;
    }

    Result run(Row row, PassRunner.Lines lines) throws Exception {
        awaitQuiet();
        lines.take();
        PassRunner.ERRORS.set(0);
        List<double[]> chunks = new ArrayList<>();
        int checked = 0;
        List<String> firstLines;
        double firstPassRate;
        double warmupWall;
        double warmupCpu;
        int pass = 0;
        List<Pass> timed = new ArrayList<>();
        Series wallRate = new Series();
        try (PassRunner runner = row.factory().get()) {
            long start = System.nanoTime();
            long cpu0 = Machine.processCpuNanos();
            boolean perCpu = row.threads() == 1;
            double firstWall = pass(runner, chunks, start, perCpu);
            firstPassRate = corpus.size() / firstWall;
            firstLines = check(row, pass++, lines.take());
            checked++;
            // At least the warm-up time, then on while the Truffle compiler is still busy (more than 3% of the
            // harness thread's CPU in the last pass), up to three times the warm-up time.
            boolean compiling = true;
            double elapsed = 0;
            while (elapsed < row.warmupSeconds() || (compiling && elapsed < 3 * row.warmupSeconds())) {
                ThreadCpu before = ThreadCpu.take();
                pass(runner, chunks, start, perCpu);
                Map<String, Double> cpu = ThreadCpu.take().since(before);
                compiling = cpu.getOrDefault(ThreadCpu.TRUFFLE, 0.0) > 0.03 * cpu.get(ThreadCpu.CALLER);
                check(row, pass++, lines.take());
                checked++;
                elapsed = (System.nanoTime() - start) / 1e9;
            }
            warmupWall = (System.nanoTime() - start) / 1e9;
            warmupCpu = (Machine.processCpuNanos() - cpu0) / 1e9;
            LOG.line(String.format(Locale.ROOT, "%s: warmed up in %d passes, %.1f s (JVM CPU %.1f s); first pass %,.0f "
                    + "items/s", row.id(), pass, warmupWall, warmupCpu, firstPassRate));
            for (int r = 0; r < runs; r++) {
                awaitQuiet();
                double load = Machine.loadAverage();
                Machine.CpuSnapshot before = Machine.CpuSnapshot.take();
                ThreadCpu byThread = ThreadCpu.take();
                long p0 = Machine.processCpuNanos();
                long t0 = threads.getCurrentThreadCpuTime();
                double wall = pass(runner, null, 0, false);
                double threadCpu = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
                double processCpu = (Machine.processCpuNanos() - p0) / 1e9;
                Map<String, Double> cpuByThreads = ThreadCpu.take().since(byThread);
                double others = Machine.CpuSnapshot.take().othersCoresSince(before);
                List<String> printed = lines.take();
                check(row, pass++, printed);
                checked++;
                timed.add(new Pass(wall, threadCpu, processCpu, load, others, printed.size(), cpuByThreads));
                wallRate.add(corpus.size() / wall, load, others);
                LOG.line(String.format(Locale.ROOT, "%s run %d: %,10.0f items/s wall, %,10.0f per thread CPU-s, %,10.0f "
                                + "per JVM CPU-s, %d lines (load %.2f, others %.2f cores)", row.id(), r + 1,
                        corpus.size() / wall, corpus.size() / threadCpu, corpus.size() / processCpu, printed.size(),
                        load, others));
            }
        }
        double steady = row.threads() == 1
                ? Series.median(timed.stream().map(p -> corpus.size() / p.threadCpu()).toList()) : wallRate.median();
        return new Result(row, timed, wallRate, steadyAfter(chunks, steady), curve(chunks, steady),
                firstReached(chunks, steady), firstChunkSeconds(chunks),
                firstPassRate, warmupWall, warmupCpu, pass - runs, checked, firstLines, PassRunner.ERRORS.get());
    }

    /**
     * One pass over the corpus. If {@code chunks} is given, each chunk adds {seconds since {@code start}, rate}:
     * the rate per second of this thread's CPU with one thread (other processes do not move it), of wall clock
     * with workers.
     */
    private double pass(PassRunner runner, List<double[]> chunks, long start, boolean perCpu) throws Exception {
        byte[][] items = corpus.items();
        byte[][] keys = corpus.keys();
        long t0 = System.nanoTime();
        long last = perCpu ? threads.getCurrentThreadCpuTime() : t0;
        for (int i = 0; i < items.length; i++) {
            runner.item(keys[i], items[i]);
            if (chunks != null && (i + 1) % CHUNK == 0) {
                long wall = System.nanoTime();
                long now = perCpu ? threads.getCurrentThreadCpuTime() : wall;
                chunks.add(new double[] {(wall - start) / 1e9, CHUNK / ((now - last) / 1e9)});
                last = now;
            }
        }
        runner.endPass();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static List<String> check(Row row, int pass, List<String> printed) {
        if (row.expected() == null) {
            if (!printed.isEmpty()) {
                throw new IllegalStateException(row.id() + " printed " + printed.size() + " lines in pass " + (pass + 1)
                        + ", first: " + printed.getFirst());
            }
            return printed;
        }
        List<String> actual = printed;
        if (row.sorted()) {
            actual = new ArrayList<>(printed);
            actual.sort(null);
        }
        List<String> want = row.expected().apply(pass);
        if (!actual.equals(want)) {
            int i = 0;
            while (i < Math.min(actual.size(), want.size()) && actual.get(i).equals(want.get(i))) {
                i++;
            }
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s: pass %d printed %d outlier lines, the Java version %d; first difference at line %d:%n  "
                            + "script: %s%n  Java:   %s", row.id(), pass + 1, actual.size(), want.size(), i + 1,
                    i < actual.size() ? actual.get(i) : "(none)", i < want.size() ? want.get(i) : "(none)"));
        }
        return actual;
    }

    /**
     * Wall seconds from the first call until the rate stayed at 90% of the steady rate: the start of the first
     * chunk from which the median of every five consecutive warm-up chunks is at least that. NaN when the
     * warm-up never got there.
     */
    static double steadyAfter(List<double[]> chunks, double steady) {
        int n = chunks.size();
        int from = -1;
        for (int i = n - 5; i >= 0; i--) {
            List<Double> window = new ArrayList<>();
            for (int k = i; k < i + 5; k++) {
                window.add(chunks.get(k)[1]);
            }
            if (Series.median(window) < 0.9 * steady) {
                break;
            }
            from = i;
        }
        if (from < 0) {
            return Double.NaN;
        }
        return from == 0 ? 0 : chunks.get(from - 1)[0];
    }

    /** Seconds since the first call at which {@link #curve} samples the warm-up. */
    static final double[] CURVE_AT = {1, 2, 5, 10, 20, 30};

    /**
     * The warm-up's rate at each of {@link #CURVE_AT} as a share of the steady rate: the median of the chunks that
     * ended within half a second of it (or the next chunk); NaN past the warm-up.
     */
    static double[] curve(List<double[]> chunks, double steady) {
        double[] out = new double[CURVE_AT.length];
        for (int c = 0; c < CURVE_AT.length; c++) {
            double at = CURVE_AT[c];
            List<Double> near = new ArrayList<>();
            for (double[] chunk : chunks) {
                if (Math.abs(chunk[0] - at) <= 0.5) {
                    near.add(chunk[1]);
                }
            }
            if (near.isEmpty()) {
                for (double[] chunk : chunks) {
                    if (chunk[0] >= at) {
                        near.add(chunk[1]);
                        break;
                    }
                }
            }
            out[c] = near.isEmpty() ? Double.NaN : Series.median(near) / steady;
        }
        return out;
    }

    /** Wall seconds until the median of five consecutive chunks first reached 90% of the steady rate; NaN if never. */
    static double firstReached(List<double[]> chunks, double steady) {
        for (int i = 0; i + 5 <= chunks.size(); i++) {
            List<Double> window = new ArrayList<>();
            for (int k = i; k < i + 5; k++) {
                window.add(chunks.get(k)[1]);
            }
            if (Series.median(window) >= 0.9 * steady) {
                return chunks.get(i + 4)[0];
            }
        }
        return Double.NaN;
    }

    /** Wall seconds from the first call to the end of the first chunk. */
    private static double firstChunkSeconds(List<double[]> chunks) {
        return chunks.isEmpty() ? Double.NaN : chunks.getFirst()[0];
    }

    private void awaitQuiet() throws InterruptedException {
        if (quietCores < 0) {
            return;
        }
        if (!Machine.awaitQuiet(quietCores, quietWaitNanos, LOG::line)) {
            quietTimeouts++;
            LOG.line("the machine did not get quiet; measuring anyway");
        }
    }
}
