package io.trawl.bench.script;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.trawl.bench.GitState;
import io.trawl.bench.Machine;
import io.trawl.bench.MarkdownTable;

import static io.trawl.bench.MarkdownTable.count;
import static io.trawl.bench.MarkdownTable.loadRange;
import static io.trawl.bench.MarkdownTable.oneDecimal;
import static io.trawl.bench.MarkdownTable.others;
import static io.trawl.bench.MarkdownTable.ratio;
import static io.trawl.bench.MarkdownTable.twoDecimals;

/** The Markdown report of a {@link ScriptBench} run. */
record ScriptReport(ScriptBench.Options options, ItemCorpus corpus, String latencyOrigin, String runtimeLine,
                    boolean optimized, String workerSplit, OutlierReference single, OutlierReference split,
                    String started, double loadAtStart, int quietTimeouts) {

    String render(Map<String, Trial.Result> results, Map<String, String> failures) {
        StringBuilder s = new StringBuilder("# Trawl script hooks benchmark\n\n");
        if (!failures.isEmpty()) {
            s.append("**Rows that failed** (not measured, or their outlier lines differed from Java's):\n\n");
            failures.forEach((id, why) -> s.append("- ").append(id).append(": ").append(why.replace("\n", " "))
                    .append('\n'));
            s.append('\n');
        }
        s.append(String.format(Locale.ROOT, "Measured %s on %s, %d cores, %d GiB; %s; %s. Load average (1 min) at "
                        + "start: %.2f.%n%n", started, Machine.cpuModel(), Machine.cores(),
                Machine.memoryGiB(), Machine.javaVersion(), GitState.describe("Trawl commit"), loadAtStart));
        s.append("Script runtime (`JsRuntime.describe()`): **").append(runtimeLine).append("**")
                .append(optimized ? "" : " (NOT the optimizing runtime: these numbers are the interpreter's)")
                .append(".\n\n");
        s.append(String.format(Locale.ROOT,
                "Items: `%s`, the output of `trawl dissect bench/data/dissect-load.pcap`: %,d items (%s), %,d bytes of "
                        + "JSON (%.0f bytes per item on average), held in memory as one byte array per item. "
                        + "%,d of them are HTTP items with a response and an `elapsedTime` of 0 or more (-1: "
                        + "response not seen), the ones the "
                        + "latency hook looks at. The latency script is %s.%n%n",
                corpus.file(), corpus.size(), corpus.byProtocol().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                        .collect(Collectors.joining(", ")),
                corpus.bytes(), corpus.bytes() / (double) corpus.size(), single.samples(), latencyOrigin));
        s.append(String.format(Locale.ROOT,
                "Method: a *pass* feeds every item, in file order, to the row's hook. Each row builds its own GraalJS "
                        + "engine, warms up with whole passes for at least %.0f s (Java rows %.0f s) and until the "
                        + "Truffle compiler used under 3%% of the harness thread's CPU in a pass (at most three times "
                        + "as long), then times %d passes; before each timed pass the harness waits until other processes use under %.2f "
                        + "cores (at most %d s; %d passes started without it getting quiet). *Items/s per core* is "
                        + "items over the calling thread's CPU time (median of the timed passes): the hook's own "
                        + "cost, end to end from the item's JSON bytes to the hook's return. *Items per JVM CPU-s* "
                        + "counts every thread of the JVM (GC, the Truffle compiler, the script watchdog's polling "
                        + "thread). *Cost ÷ Java* divides a row's CPU per item by the plain Java version's (J1 parses "
                        + "with Jackson as the former design did; J2 reads the bytes with `ItemView`). Every pass of "
                        + "every latency row, warm-up included, must print exactly the outlier lines of the Java "
                        + "version over the same items and history (checked; a row that differs is reported as failed and not measured).%n%n",
                options.warmup(), options.javaWarmup(), options.runs(), options.quietCores(), options.quietWait(),
                quietTimeouts));

        // --- single thread ------------------------------------------------------------------------------------
        s.append("## One thread\n\n");
        MarkdownTable t = new MarkdownTable("#", "Hook", "Items reach it as", "Called through", ">Items/s per core",
                ">µs per item", ">Items/s wall", ">Items per JVM CPU-s", ">JVM cores used", ">Cost ÷ Java J1",
                ">Cost ÷ Java J2", ">First at 90% of steady", ">Load avg 1m", ">Others' CPU, cores");
        double j1 = rate(results, "J1");
        double j2 = rate(results, "J2");
        for (Trial.Result r : results.values()) {
            if (r.row().threads() > 1) {
                continue;
            }
            double perCore = r.perThreadCpu(corpus);
            t.row(r.row().id(), r.row().hook(), r.row().delivery(), r.row().runner(), count(perCore),
                    twoDecimals(1e6 / perCore), count(r.wall(corpus)), count(r.perProcessCpu(corpus)),
                    twoDecimals(r.coresUsed()), r.row().id().startsWith("P") ? "" : ratio(j1 / perCore),
                    r.row().id().startsWith("P") ? "" : ratio(j2 / perCore), seconds(r.firstReachedSeconds()),
                    loadRange(r.wallRate().minLoad(), r.wallRate().maxLoad()), others(r.wallRate()));
        }
        s.append(t.render()).append('\n');

        // --- workers ------------------------------------------------------------------------------------------
        List<Trial.Result> workers = results.values().stream().filter(r -> r.row().threads() > 1).toList();
        if (!workers.isEmpty()) {
            s.append("## `ScriptWorkers`\n\n");
            s.append(String.format(Locale.ROOT,
                    "Items submitted from the harness thread with their flow key (the item's `stream`), routed by "
                            + "`ScriptWorkers.workerOf`: %s items per worker. Each worker wraps the bytes in an "
                            + "`ItemView` and "
                            + "calls its own `ScriptHost`; a pass ends with `flush()`. *Per core* here is items over "
                            + "the whole JVM's CPU (workers, the submitting thread, GC, compiler, watchdog). The "
                            + "latency lines are compared sorted, with one Java state per worker.%n%n", workerSplit));
            MarkdownTable w = new MarkdownTable("#", "Hook", "Items reach it as", "Called through", ">Items/s wall",
                    ">Items per JVM CPU-s", ">JVM cores used", ">Wall ÷ one thread (ScriptHost, same delivery)",
                    ">First at 90% of steady", ">Load avg 1m", ">Others' CPU, cores");
            for (Trial.Result r : workers) {
                String same = r.row().hook().startsWith("empty") ? "S2" : "S6";
                double one = results.containsKey(same) ? results.get(same).wall(corpus) : Double.NaN;
                w.row(r.row().id(), r.row().hook(), r.row().delivery(), r.row().runner(), count(r.wall(corpus)),
                        count(r.perProcessCpu(corpus)), twoDecimals(r.coresUsed()),
                        ratio(r.wall(corpus) / one) + " (vs " + same + ")", seconds(r.firstReachedSeconds()),
                        loadRange(r.wallRate().minLoad(), r.wallRate().maxLoad()), others(r.wallRate()));
            }
            s.append(w.render()).append('\n');
        }

        // --- ratios -------------------------------------------------------------------------------------------
        s.append("## Ratios and where the time goes\n\n");
        ratioLine(s, results, "S6", "J2", "today's design (`ItemView` through `ScriptHost`) against the fastest Java "
                + "version (Java reading the same view)");
        ratioLine(s, results, "S6", "J1", "today's design against Java parsing with Jackson");
        ratioLine(s, results, "S4", "J1", "the former Jackson tree through today's `ScriptHost` against Java parsing "
                + "with Jackson");
        ratioLine(s, results, "S7", "J2", "`ItemView` without ScriptHost's per-call budget against the same");
        ratioLine(s, results, "S8", "J2", "the hand-picked projection (no reads across the proxy boundary; an upper "
                + "bound, no budget) against Java reading the view");
        ratioLine(s, results, "S5", "J1", "`JSON.parse` in JS against Java with Jackson");
        split(s, results, "S4", "P1", "the former tree: the script on top of `readTree`");
        split(s, results, "S4", "S6", "what the Jackson tree costs over `ItemView`, latency hook");
        split(s, results, "S1", "S2", "what the Jackson tree costs over `ItemView`, empty hook");
        split(s, results, "S2", "S3", "ScriptHost's per-call budget (statement-limit reset, polling watchdog), "
                + "empty hook");
        split(s, results, "S6", "S7", "ScriptHost's per-call budget, latency hook");
        split(s, results, "S7", "J2", "reading through the proxy boundary and running the logic in JS rather than "
                + "in Java, same view");
        split(s, results, "S5", "P3", "`JSON.parse` and the script on top of decoding the bytes to a string");
        s.append('\n');

        // --- CPU by thread -------------------------------------------------------------------------------------
        s.append("## Where the JVM's CPU went\n\n");
        s.append("CPU per item (µs) by thread during the timed passes, mean over them. The *JVM threads* are the "
                + "process's CPU less every Java thread's: the garbage collector and C1/C2. The Truffle compiler "
                + "compiles the scripts; the watchdog is the thread with which `ScriptWatchdog` checks, at least "
                + "every 10 ms, for calls over their wall-time limit.\n\n");
        List<String> groups = results.values().stream().flatMap(r -> r.cpuPerItem(corpus).keySet().stream())
                .distinct().toList();
        List<String> headers = new java.util.ArrayList<>(List.of("#"));
        groups.forEach(g -> headers.add(">" + g));
        headers.add(">All");
        MarkdownTable cpu = new MarkdownTable(headers.toArray(String[]::new));
        for (Trial.Result r : results.values()) {
            Map<String, Double> per = r.cpuPerItem(corpus);
            List<Object> cells = new java.util.ArrayList<>(List.of(r.row().id()));
            groups.forEach(g -> cells.add(twoDecimals(1e6 * per.getOrDefault(g, 0.0))));
            cells.add(twoDecimals(1e6 * per.values().stream().mapToDouble(Double::doubleValue).sum()));
            cpu.row(cells.toArray());
        }
        s.append(cpu.render()).append('\n');

        // --- warm-up --------------------------------------------------------------------------------------------
        s.append("## JIT warm-up\n\n");
        s.append("From the first call of a fresh engine (script loaded, not yet called), in chunks of "
                + count(Trial.CHUNK) + " items, each chunk's rate taken per second of the harness thread's CPU "
                + "(so that other processes do not move it; wall clock for the worker rows) and compared with the "
                + "timed passes' median. *Rate at N s*: the median of the chunks that ended within half a second "
                + "of N wall seconds after the first call. *First at 90%*: when the median of five consecutive "
                + "chunks first reached 90% of steady; *stays at 90% from*: the point from which every such "
                + "median did, up to the end of the warm-up (a late dip, such as one GC, moves it). The JVM CPU "
                + "during warm-up includes the Truffle compiler's.\n\n");
        List<String> wh = new java.util.ArrayList<>(List.of("#", ">First " + count(Trial.CHUNK) + " items took, s",
                ">Items/s in the first pass (wall)"));
        for (double at : Trial.CURVE_AT) {
            wh.add(">Rate at " + (int) at + " s, % of steady");
        }
        wh.addAll(List.of(">First at 90% of steady", ">Stays at 90% from", ">Warm-up passes", ">Warm-up wall s",
                ">JVM CPU during warm-up, s"));
        MarkdownTable wu = new MarkdownTable(wh.toArray(String[]::new));
        for (Trial.Result r : results.values()) {
            List<Object> cells = new java.util.ArrayList<>(List.of(r.row().id(), twoDecimals(r.firstChunkSeconds()),
                    count(r.firstPassRate())));
            for (double share : r.curve()) {
                cells.add(Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * share));
            }
            cells.addAll(List.of(seconds(r.firstReachedSeconds()), seconds(r.steadyAfterSeconds()),
                    r.warmupPasses(), oneDecimal(r.warmupWall()), oneDecimal(r.warmupCpu())));
            wu.row(cells.toArray());
        }
        s.append(wu.render()).append('\n');

        // --- correctness ----------------------------------------------------------------------------------------
        s.append("## Do the JS and Java versions flag the same outliers? \n\n");
        for (Trial.Result r : results.values()) {
            if (r.row().expected() != null) {
                s.append(String.format(Locale.ROOT, "- %s (%s, %s): %d passes checked, all identical to the Java "
                                + "version (count and lines); %d lines in the first pass, %s in the timed ones.%n",
                        r.row().id(), r.row().delivery(), r.row().runner(), r.checkedPasses(),
                        r.firstPassLines().size(), r.passes().stream().map(p -> String.valueOf(p.lines()))
                                .collect(Collectors.joining(", "))));
            }
        }
        for (Trial.Result r : results.values()) {
            if (r.scriptErrors() > 0) {
                s.append(String.format(Locale.ROOT, "- %s: %d script errors (see the harness's standard error; a "
                        + "timeout is `ScriptBudget`'s 200 ms wall-time limit).%n", r.row().id(), r.scriptErrors()));
            }
        }
        List<String> first = single.pass(0);
        s.append(String.format(Locale.ROOT, "%nThe first pass's %d outlier lines (one thread; with state carried "
                + "over, later passes print fewer):%n%n```%n", first.size()));
        first.stream().limit(12).forEach(l -> s.append(l).append('\n'));
        if (first.size() > 12) {
            s.append("... ").append(first.size() - 12).append(" more\n");
        }
        s.append("```\n\n");

        s.append("## Every timed pass\n\n");
        for (Trial.Result r : results.values()) {
            s.append("- ").append(r.row().id()).append(": ").append(r.passes().stream()
                    .map(p -> String.format(Locale.ROOT, "%.3f s wall / %.3f s thread CPU / %.3f s JVM CPU (others "
                            + "%.2f)", p.wall(), p.threadCpu(), p.processCpu(), p.others()))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return s.toString();
    }

    private double rate(Map<String, Trial.Result> results, String id) {
        Trial.Result r = results.get(id);
        return r == null ? Double.NaN : r.perThreadCpu(corpus);
    }

    private void ratioLine(StringBuilder s, Map<String, Trial.Result> results, String js, String java, String what) {
        if (!results.containsKey(js) || !results.containsKey(java)) {
            return;
        }
        double a = rate(results, js);
        double b = rate(results, java);
        s.append(String.format(Locale.ROOT, "- %s ÷ %s, %s: **%s** the CPU per item (%s against %s items/s per "
                + "core).%n", js, java, what, ratio(b / a), count(a), count(b)));
    }

    private void split(StringBuilder s, Map<String, Trial.Result> results, String whole, String part, String what) {
        if (!results.containsKey(whole) || !results.containsKey(part)) {
            return;
        }
        double a = 1e6 / rate(results, whole);
        double b = 1e6 / rate(results, part);
        s.append(String.format(Locale.ROOT, "- %s − %s, %s: %.2f µs per item (%.2f − %.2f).%n", whole, part, what,
                a - b, a, b));
    }

    private static String seconds(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.1f s", x);
    }
}
