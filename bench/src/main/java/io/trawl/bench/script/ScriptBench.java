package io.trawl.bench.script;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.trawl.bench.Arguments;
import io.trawl.bench.Machine;
import io.trawl.bench.ProgressLog;
import io.trawl.bench.Reports;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.item.ItemView;
import io.trawl.script.worker.ScriptWorkers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The script hooks benchmark: hook calls per second per core, end to end (item JSON bytes in, hook result out),
 * after warm-up, on the items {@code trawl dissect} makes of bench/data/dissect-load.pcap. Rows: an empty hook;
 * the latency-outlier example script; the same logic in plain Java (the limit); the parse alone; and the ways
 * items can reach the script ({@link Delivery}: today's {@code ItemView} against the former Jackson tree),
 * single-threaded on the calling thread (items per second of
 * that thread's CPU) and through {@code ScriptWorkers} with two threads (items per second of wall clock and of
 * the JVM's CPU). Every pass of every latency row must print exactly the Java version's outlier lines. Each
 * script row gets its own {@link JsRuntime} (engine), so that rows do not share compiled code or inline caches.
 * Prints a Markdown report and writes it to {@code --out}.
 *
 * <pre>
 * ScriptBench [--items bench/data/dissect-load.items.jsonl] [--script scripts/examples/latency-outliers.js]
 *             [--out bench/results/script-latest.md] [--limit N] [--runs 5] [--warmup 40] [--java-warmup 8]
 *             [--threads 2] [--rows P1,J1,S4,...] [--allow-interpreter] [--quiet-cores 0.25] [--quiet-wait 60]
 * </pre>
 */
public final class ScriptBench {

    /** Progress lines go to standard error, so that standard output carries only the report. */
    static final ProgressLog LOG = new ProgressLog("script-bench", System.err);
    static final Path EXAMPLE = Path.of("scripts/examples/latency-outliers.js");
    static final String EMPTY = "function onItemCaptured(data) {}\n";

    record Options(Path items, Path script, Path out, int limit, int runs, double warmup, double javaWarmup,
                   int threads, Set<String> rows, boolean allowInterpreter, double quietCores, int quietWait) {

        static Options parse(String[] args) {
            Path items = Path.of("bench/data/dissect-load.items.jsonl");
            Path script = EXAMPLE;
            Path out = Path.of("bench/results/script-latest.md");
            int limit = 0;
            int runs = 5;
            double warmup = 40;
            double javaWarmup = 8;
            int threads = 2;
            Set<String> rows = null;
            boolean allowInterpreter = false;
            double quietCores = 0.25;
            int quietWait = 60;
            Arguments in = new Arguments(args);
            while (in.hasNext()) {
                String a = in.option();
                switch (a) {
                    case "--items" -> items = in.path(a);
                    case "--script" -> script = in.path(a);
                    case "--out" -> out = in.path(a);
                    case "--limit" -> limit = in.integer(a);
                    case "--runs" -> runs = Math.max(1, in.integer(a));
                    case "--warmup" -> warmup = in.decimal(a);
                    case "--java-warmup" -> javaWarmup = in.decimal(a);
                    case "--threads" -> threads = Math.max(1, in.integer(a));
                    case "--rows" -> rows = Set.of(in.value(a).toUpperCase(Locale.ROOT).split(","));
                    case "--allow-interpreter" -> allowInterpreter = true;
                    case "--quiet-cores" -> quietCores = in.decimal(a);
                    case "--quiet-wait" -> quietWait = in.integer(a);
                    case "-h", "--help" -> Arguments.printUsageAndExit("usage: ScriptBench [--items FILE.jsonl] "
                            + "[--script latency-outliers.js] [--out REPORT.md] [--limit N] [--runs N] "
                            + "[--warmup SECONDS] [--java-warmup SECONDS] [--threads N] "
                            + "[--rows P1,P2,P3,J1,J2,S1,...,S8,W1,W2] [--allow-interpreter] "
                            + "[--quiet-cores 0.25] [--quiet-wait SECONDS]");
                    default -> throw Arguments.unknown(a);
                }
            }
            return new Options(items, script, out, limit, runs, warmup, javaWarmup, threads, rows, allowInterpreter,
                    quietCores, quietWait);
        }
    }

    private final Options options;
    private final ItemCorpus corpus;
    private final String latencySource;
    private final String latencyOrigin;
    private final PassRunner.Lines lines = new PassRunner.Lines();
    private String runtimeLine = "no script row ran";
    private boolean optimized = true;
    private String workerSplit = "";
    /** Where the parse-only rows put what they parse, so that the JIT cannot drop the work. */
    private volatile Object sink;

    private ScriptBench(Options options, ItemCorpus corpus, String latencySource, String latencyOrigin) {
        this.options = options;
        this.corpus = corpus;
        this.latencySource = latencySource;
        this.latencyOrigin = latencyOrigin;
    }

    public static void main(String[] args) throws Exception {
        Options options = Arguments.parseOrExit("script-bench", args, Options::parse);
        if (!Files.isRegularFile(options.items())) {
            System.err.println("script-bench: " + options.items() + " does not exist (bench/run-script.sh makes it: "
                    + "./trawl dissect bench/data/dissect-load.pcap --out " + options.items() + ")");
            System.exit(2);
        }
        String source;
        String origin;
        if (Files.isRegularFile(options.script())) {
            source = Files.readString(options.script());
            origin = "`" + options.script() + "`";
        } else {
            source = LatencyOutliers.SCRIPT;
            origin = "the harness's own copy (`LatencyOutliers.SCRIPT`, written from the same specification; `"
                    + options.script() + "` did not exist)";
        }
        LOG.line("reading " + options.items() + " ...");
        ItemCorpus corpus = ItemCorpus.read(options.items(), options.limit());
        LOG.line(String.format(Locale.ROOT, "%,d items, %,d bytes of JSON: %s", corpus.size(), corpus.bytes(),
                corpus.byProtocol()));
        String report = new ScriptBench(options, corpus, source, origin).run();
        Reports.publish("script-bench", report, options.out());
        System.exit(0);
    }

    private String run() throws Exception {
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        double loadAtStart = Machine.loadAverage();
        OutlierReference single = new OutlierReference(corpus, 1, null);
        LOG.line(String.format(Locale.ROOT, "%,d items are HTTP with a response and an elapsed time of 0 or more; "
                + "the Java reference prints %d outlier lines in the first pass", single.samples(), single.pass(0).size()));
        OutlierReference split;
        try (JsRuntime probe = JsRuntime.start();
             ScriptWorkers routing = new ScriptWorkers(options.threads(), 1, probe,
                     io.trawl.script.host.ScriptBudget.defaults(), Map.of(), (s, l, t) -> { }, e -> { })) {
            int[] worker = new int[corpus.size()];
            for (int i = 0; i < worker.length; i++) {
                worker[i] = routing.workerOf(corpus.keys()[i]);
            }
            split = new OutlierReference(corpus, options.threads(), i -> worker[i]);
            long[] perWorker = new long[options.threads()];
            for (int w : worker) {
                perWorker[w]++;
            }
            workerSplit = java.util.Arrays.toString(perWorker);
        }

        double js = options.warmup();
        double java = options.javaWarmup();
        JsonMapper json = JsonMapper.builder().build();
        List<Trial.Row> rows = new ArrayList<>();
        rows.add(new Trial.Row("P1", "none: parse only", "`JacksonTreeView.parse` (Jackson `readTree`; the former "
                + "design)", "Java", 1, () -> PassRunner.java(b -> sink = JacksonTreeView.parse(b)), null, false,
                java));
        rows.add(new Trial.Row("P2", "none: parse only", "`ItemView`: scan of every top-level member and its name "
                + "(its most per item)", "Java", 1,
                () -> PassRunner.java(b -> sink = ItemView.parse(b).getMemberKeys()), null, false, java));
        rows.add(new Trial.Row("P3", "none: parse only", "`new String(bytes, UTF_8)` (JSON.parse's Java side)", "Java",
                1, () -> PassRunner.java(b -> sink = new String(b, StandardCharsets.UTF_8)), null, false, java));
        rows.add(new Trial.Row("J1", "latency outliers in Java", "Jackson `readTree`, as the former design", "Java", 1,
                () -> {
                    LatencyOutliers hook = new LatencyOutliers(lines);
                    return PassRunner.java(b -> hook.onItem(json.readTree(b)));
                }, single::pass, false, java));
        rows.add(new Trial.Row("J2", "latency outliers in Java", "`ItemView` read from Java", "Java", 1,
                () -> {
                    LatencyOutliers hook = new LatencyOutliers(lines);
                    return PassRunner.java(b -> hook.onItem(ItemView.parse(b)));
                }, single::pass, false, java));
        rows.add(script("S1", EMPTY, "empty hook", Delivery.JACKSON_TREE, false, null, js));
        rows.add(script("S2", EMPTY, "empty hook", Delivery.ITEM_VIEW, false, null, js));
        rows.add(script("S3", EMPTY, "empty hook", Delivery.ITEM_VIEW, true, null, js));
        rows.add(script("S4", latencySource, "latency-outliers.js", Delivery.JACKSON_TREE, false, single, js));
        rows.add(script("S5", latencySource, "latency-outliers.js", Delivery.JSON_PARSE, false, single, js));
        rows.add(script("S6", latencySource, "latency-outliers.js", Delivery.ITEM_VIEW, false, single, js));
        rows.add(script("S7", latencySource, "latency-outliers.js", Delivery.ITEM_VIEW, true, single, js));
        rows.add(script("S8", latencySource, "latency-outliers.js", Delivery.PROJECTION, true, single, js));
        int t = options.threads();
        rows.add(new Trial.Row("W1", "empty hook", Delivery.ITEM_VIEW.label(), "`ScriptWorkers`, " + t + " threads",
                t, withRuntime(rt -> PassRunner.workers(rt, EMPTY, t, lines)), null, true, js));
        rows.add(new Trial.Row("W2", "latency-outliers.js", Delivery.ITEM_VIEW.label(),
                "`ScriptWorkers`, " + t + " threads", t,
                withRuntime(rt -> PassRunner.workers(rt, latencySource, t, lines)), split::pass, true, js));

        Trial trial = new Trial(corpus, options.runs(), options.quietCores(), options.quietWait());
        Map<String, Trial.Result> results = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Trial.Row row : rows) {
            if (options.rows() != null && !options.rows().contains(row.id())) {
                continue;
            }
            LOG.line("row " + row.id() + ": " + row.hook() + " / " + row.delivery() + " / " + row.runner() + " ...");
            try {
                results.put(row.id(), trial.run(row, lines));
            } catch (IllegalStateException e) {
                // A row whose lines differ from Java's (or that cannot run) is reported, and the others still run.
                String why = e.getMessage() + " (script errors in this row: " + PassRunner.ERRORS.get() + ")";
                LOG.line("row " + row.id() + " FAILED: " + why);
                failures.put(row.id(), why);
            }
        }
        return new ScriptReport(options, corpus, latencyOrigin, runtimeLine, optimized, workerSplit, single, split,
                started, loadAtStart, trial.quietTimeouts()).render(results, failures);
    }

    private Trial.Row script(String id, String source, String hook, Delivery delivery, boolean bare,
                             OutlierReference reference, double warmup) {
        String runner = bare ? "bare context (no `ScriptHost`: no budget, no watchdog)"
                : "`ScriptHost` (budget + watchdog per call)";
        return new Trial.Row(id, hook, delivery.label(), runner, 1, withRuntime(rt -> bare
                ? PassRunner.bare(rt, source, delivery, lines)
                : PassRunner.host(rt, source, delivery, lines)), reference == null ? null : reference::pass, false,
                warmup);
    }

    /** A runner on its own new engine, closed with it; checks that the engine is the optimizing runtime. */
    private Supplier<PassRunner> withRuntime(Function<JsRuntime, PassRunner> make) {
        return () -> {
            JsRuntime runtime = JsRuntime.start();
            runtimeLine = runtime.describe();
            optimized = runtime.optimized();
            if (!optimized && !options.allowInterpreter()) {
                runtime.close();
                throw new IllegalStateException("GraalJS is not on the optimizing runtime: " + runtimeLine
                        + " (run through bench/run-script.sh, or pass --allow-interpreter)");
            }
            PassRunner inner = make.apply(runtime);
            return new PassRunner() {
                @Override
                public void item(byte[] key, byte[] itemJson) throws Exception {
                    inner.item(key, itemJson);
                }

                @Override
                public void endPass() throws Exception {
                    inner.endPass();
                }

                @Override
                public void close() throws Exception {
                    try {
                        inner.close();
                    } finally {
                        runtime.close();
                    }
                }
            };
        };
    }

}
