package io.trawl.bench;

import io.trawl.bench.DissectBench.DissectSummary;
import io.trawl.bench.DissectBench.InProcessRow;
import io.trawl.bench.DissectBench.ItemCensus;
import io.trawl.bench.DissectBench.Options;
import io.trawl.bench.DissectBench.ProcRow;
import io.trawl.bench.DissectBench.ProcRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.trawl.bench.DissectBench.JFR_SETTINGS;
import static io.trawl.bench.MarkdownTable.count;
import static io.trawl.bench.MarkdownTable.loadRange;
import static io.trawl.bench.MarkdownTable.oneDecimal;
import static io.trawl.bench.MarkdownTable.others;
import static io.trawl.bench.MarkdownTable.ratio;
import static io.trawl.bench.MarkdownTable.twoDecimals;

/**
 * The Markdown report of a {@link DissectBench} run: the machine and the capture, the speed table, the profile's
 * stages and frames, and whether Trawl's items agree with what the load generators and servers counted. Kept apart
 * from the harness so that measuring and writing up are read (and changed) one at a time.
 */
record DissectReport(Options options, long packets, long packetBytes, QuietWait quiet) {

    String render(String started, double loadAtStart, Map<String, String> loadCounts, ProcRow tcpdumpRow,
                  ProcRow nullRow, ProcRow tmpfsRow, ProcRow twoThreadsRow, ProcRow versionRow, ProcRow tsharkRow,
                  ProcRow tsharkEkRow, Collection<ProcRow> variantRows, List<InProcessRow> loops,
                  List<DissectSummary> summaries, ItemCensus census,
                  long itemsFileBytes, long tsharkRequests, Map<String, Long> tsharkUris,
                  Map<String, Long> nginxUris, JfrSummary profile, ProcRun profiled,
                  JfrSummary steadyProfile) throws IOException {
        Path file = options.file();
        DissectSummary summary = summaries.getLast();
        StringBuilder s = new StringBuilder();
        s.append("# Trawl dissection benchmark: `").append(file.getFileName()).append("`\n\n");
        s.append(String.format(Locale.ROOT,
                "Measured %s on %s, %d cores, %d GiB; %s; %s; %s. Load average (1 min) at start: %.2f.%n%n",
                started, Machine.cpuModel(), Machine.cores(), Machine.memoryGiB(), Machine.javaVersion(),
                Machine.firstLine(List.of(InstalledTools.which("tcpdump", "tcpdump"), "--version")),
                options.skipTshark() ? "tshark not run" : tsharkVersion(), loadAtStart));
        s.append(String.format(Locale.ROOT, "Trawl: %s; `%s` built %s.%n%n", GitState.describe("commit"),
                options.jar(), ZonedDateTime.ofInstant(Files.getLastModifiedTime(options.jar()).toInstant(),
                        ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'"))));
        s.append(String.format(Locale.ROOT,
                "Capture: `%s`: %,d packets, %,d bytes of packet data (%.0f bytes per packet on average), file %,d "
                        + "bytes. Made %s by bench/make-dissect-capture.sh: %s HTTP/1.1 requests (%s keep-alive "
                        + "connections at a time, at most %s requests each) and %s DNS queries over UDP and %s over TCP, "
                        + "in %s s of load; tcpdump dropped %s packets.%n%n",
                file, packets, packetBytes, packetBytes / (double) packets, Files.size(file),
                loadCounts.getOrDefault("made", "(no counts file)"),
                fmt(loadCounts, "nginx_access_log_lines"), loadCounts.getOrDefault("http_connections_concurrent", "?"),
                loadCounts.getOrDefault("http_keepalive_requests", "?"), fmt(loadCounts, "dnsperf_udp_queries_sent"),
                fmt(loadCounts, "dnsperf_tcp_queries_sent"), loadCounts.getOrDefault("load_seconds", "?"),
                fmt(loadCounts, "tcpdump_dropped_by_kernel")));
        s.append(quiet.reportParagraph());

        // --- the table -----------------------------------------------------------------------------------------
        double tcpdumpRate = packets / tcpdumpRow.wall();
        double trawlPerCpu = packets / nullRow.cpu();
        double tsharkPerCpu = tsharkRow == null ? Double.NaN : packets / tsharkRow.cpu();
        s.append("## Speed\n\n");
        s.append(String.format(Locale.ROOT,
                "Whole processes: wall clock from spawn to exit (JVM start included), user + system CPU and peak RSS "
                        + "from `/usr/bin/time`; each column is the median of the row's runs (%d; tshark %d), taken "
                        + "column by column. *Packets per CPU-second* is packets over user + system CPU of every thread "
                        + "(a JVM's GC and JIT threads included). In-process: `OfflineDissection.run` into a discarding "
                        + "64 KiB-buffered stream in the harness JVM, best of %d passes after a warm-up pass; its CPU is "
                        + "the whole JVM's during that pass. Two more in-process loops, run after it in the same JVM, split "
                        + "the cost: the same flow table with items built but dropped instead of written as JSON, and the "
                        + "floor of reading with the L2–L4 decode and flow key the flow table does for every packet. *÷ tcpdump* is packets/s over tcpdump's; *÷ tshark* is "
                        + "packets per CPU-second over tshark's. For tshark, *Items/s* counts its output lines (HTTP "
                        + "requests). *Others' CPU* is the CPU that processes other than the "
                        + "harness and the process under test used during a run (from /proc; steal included), in cores "
                        + "of the %d.%n%n",
                options.processRuns(), options.tsharkRuns(), options.runs(), Machine.cores()));
        MarkdownTable t = new MarkdownTable("What", "Kind", ">Runs", ">Wall s", ">Min – max wall s", ">CPU s",
                ">Cores used", ">Peak RSS MiB", ">Packets/s", ">Packets per CPU-s", ">Items/s", ">÷ tcpdump",
                ">÷ tshark", ">Load avg 1m", ">Others' CPU, cores");
        List<ProcRow> rows = new ArrayList<>(List.of(nullRow, tmpfsRow, twoThreadsRow));
        if (tsharkRow != null) {
            rows.add(tsharkRow);
        }
        if (tsharkEkRow != null) {
            rows.add(tsharkEkRow);
        }
        rows.add(tcpdumpRow);
        for (ProcRow r : rows) {
            procRow(t, r, tcpdumpRate, tsharkPerCpu);
        }
        for (InProcessRow loop : loops) {
            Series rate = loop.rate();
            double b = rate.max();
            double bSeconds = packets / b;
            double bCpu = loop.cpu().get(loop.best());
            t.row(loop.what(), "in-process, best", rate.count(), String.format(Locale.ROOT, "%.2f", bSeconds),
                    String.format(Locale.ROOT, "%.2f – %.2f", packets / rate.max(), packets / rate.min()),
                    String.format(Locale.ROOT, "%.2f", bCpu), twoDecimals(bCpu / bSeconds), "n/a", count(b),
                    count(packets / bCpu), loop.items()[0] >= 0 ? count(loop.items()[0] / bSeconds) : "",
                    ratio(b / tcpdumpRate), ratio(packets / bCpu / tsharkPerCpu),
                    loadRange(rate.minLoad(), rate.maxLoad()), others(rate));
        }
        InProcessRow dissectLoop = loops.getFirst();
        Series inProcessRate = dissectLoop.rate();
        double best = inProcessRate.max();
        int bestIndex = dissectLoop.best();
        double bestCpu = dissectLoop.cpu().get(bestIndex);
        List<Double> inProcessThreadCpu = dissectLoop.threadCpu();
        List<Double> inProcessCpu = dissectLoop.cpu();
        for (ProcRow r : variantRows) {
            procRow(t, r, tcpdumpRate, tsharkPerCpu);
        }
        procRow(t, versionRow, Double.NaN, Double.NaN);
        s.append(t.render()).append('\n');

        s.append("Ratios:\n\n");
        s.append(String.format(Locale.ROOT,
                "- Trawl's packets per CPU-second ÷ tshark's: **%s** (%s against %s packets per CPU-second, whole "
                        + "processes; in-process Trawl: %s).%n",
                ratio(trawlPerCpu / tsharkPerCpu), count(trawlPerCpu), count(tsharkPerCpu),
                ratio(packets / bestCpu / tsharkPerCpu)));
        if (tsharkEkRow != null) {
            s.append(String.format(Locale.ROOT,
                    "- Against tshark writing its dissection as JSON lines (`-T ek`, %.0f s of CPU): Trawl's packets "
                            + "per CPU-second are **%s** its.%n",
                    tsharkEkRow.cpu(), ratio(trawlPerCpu / (packets / tsharkEkRow.cpu()))));
        }
        s.append(String.format(Locale.ROOT,
                "- Trawl's packets/s ÷ tshark's (wall clock): %s.%n",
                ratio((packets / nullRow.wall()) / (tsharkRow == null ? Double.NaN : packets / tsharkRow.wall()))));
        s.append(String.format(Locale.ROOT,
                "- Trawl's packets/s ÷ tcpdump's raw read rate: **%s** whole process (%s against %s packets/s); "
                        + "in-process %s.%n",
                ratio(packets / nullRow.wall() / tcpdumpRate), count(packets / nullRow.wall()), count(tcpdumpRate),
                ratio(best / tcpdumpRate)));
        s.append(String.format(Locale.ROOT,
                "- With the JSON written on a second thread (`--threads 2`): %.2f s wall against %.2f s (%s), "
                        + "%.2f s of CPU against %.2f s (%s); %s tcpdump's read rate.%n",
                twoThreadsRow.wall(), nullRow.wall(), ratio(nullRow.wall() / twoThreadsRow.wall()),
                twoThreadsRow.cpu(), nullRow.cpu(), ratio(twoThreadsRow.cpu() / nullRow.cpu()),
                ratio(packets / twoThreadsRow.wall() / tcpdumpRate)));
        s.append(String.format(Locale.ROOT,
                "- The dissection proper, as `trawl dissect` itself times it (its summary line, reading and writing "
                        + "included, JVM and launcher start not): median %.2f s, %s packets/s; the JVM and the launcher "
                        + "take %.2f s to start and exit (`trawl --version`).%n",
                Series.median(summaries.stream().map(DissectSummary::seconds).toList()),
                count(packets / Series.median(summaries.stream().map(DissectSummary::seconds).toList())),
                versionRow.wall()));
        if (loops.size() > 2) {
            double dissect = packets / loops.get(0).rate().max();
            double noJson = packets / loops.get(1).rate().max();
            double floor = packets / loops.get(2).rate().max();
            s.append(String.format(Locale.ROOT,
                    "- In-process, best passes: %.2f s in all = %.2f s reading, decoding and keying (%.0f%%) + %.2f s "
                            + "flow table, reassembly, dissectors and item building (%.0f%%) + %.2f s writing the "
                            + "items as JSON (%.0f%%).%n",
                    dissect, floor, 100 * floor / dissect, noJson - floor, 100 * (noJson - floor) / dissect,
                    dissect - noJson, 100 * (dissect - noJson) / dissect));
        }
        s.append(String.format(Locale.ROOT,
                "- In-process, the dissecting thread alone used %.2f s of CPU in the best pass (%s packets per "
                        + "thread-CPU-second); the rest of the JVM's %.2f s is GC and JIT.%n%n",
                inProcessThreadCpu.get(bestIndex), count(packets / inProcessThreadCpu.get(bestIndex)), bestCpu));
        if (itemsFileBytes >= 0) {
            s.append(String.format(Locale.ROOT,
                    "The items of one run take %,d bytes as JSON lines (%.0f bytes per item).%n%n", itemsFileBytes,
                    itemsFileBytes / (double) summary.items()));
        }

        // --- counts --------------------------------------------------------------------------------------------
        s.append(counts(loadCounts, summary, summaries, census, tsharkRequests, tsharkUris, nginxUris));

        // --- profile -------------------------------------------------------------------------------------------
        if (profile != null) {
            s.append("## Where the time goes (JFR)\n\n");
            double jit = profile.compilerTime().toNanos() / 1e9;
            double gc = profile.gcCpu().toNanos() / 1e9;
            s.append(String.format(Locale.ROOT,
                    "One more `trawl dissect FILE --out /dev/null`, not counted above, with `-XX:StartFlightRecording=%s` "
                            + "(%.2f s wall, %.2f s CPU), and one in-process pass after the timed ones with the same "
                            + "settings (steady state: the JIT has compiled the hot code). Shares are of the execution "
                            + "samples (Java threads); *innermost Trawl frame* charges JDK and library code (Jackson, "
                            + "collections) to the Trawl method that called it.%n%n",
                    JFR_SETTINGS, profiled.wall(), profiled.cpu()));
            s.append(String.format(Locale.ROOT,
                    "The whole process's CPU, %.2f s: the JIT compilers spent %.2f s compiling (%.0f%%), the GC "
                            + "used %.2f s (%.0f%%), and the remaining %.2f s are the main thread's work (JVM start "
                            + "and JFR included). In the steady state the in-process pass needed %.2f s of JVM CPU "
                            + "(best timed pass): the JIT's warm-up is the gap.%n%n",
                    profiled.cpu(), jit, 100 * jit / profiled.cpu(), gc, 100 * gc / profiled.cpu(),
                    profiled.cpu() - jit - gc, inProcessCpu.get(bestIndex)));
            MarkdownTable st = new MarkdownTable("Stage", ">Whole process", ">In-process, steady state");
            stages(st, profile, steadyProfile);
            s.append(st.render()).append('\n');
            s.append("### The whole process\n\n").append(profile.render(10, null));
            if (steadyProfile != null) {
                s.append("### In-process, steady state\n\n").append(steadyProfile.render(10, null));
            }
        }

        s.append("## Every run\n\n");
        for (ProcRow r : rows) {
            s.append("- ").append(r.what()).append(": ").append(r.runs().stream()
                    .map(x -> String.format(Locale.ROOT, "%.2f s wall / %.2f s CPU / %.0f MiB (others %.2f)", x.wall(),
                            x.cpu(), x.peakRssKiB() / 1024.0, x.others()))
                    .collect(Collectors.joining(", "))).append('\n');
        }
        s.append("- ").append(versionRow.what()).append(": ").append(versionRow.runs().stream()
                .map(x -> String.format(Locale.ROOT, "%.2f s", x.wall())).collect(Collectors.joining(", ")))
                .append('\n');
        for (InProcessRow loop : loops) {
            s.append("- ").append(loop.what()).append(", in-process: ").append(loop.rate().values().stream()
                    .map(v -> String.format(Locale.ROOT, "%.2f s", packets / v)).collect(Collectors.joining(", ")))
                    .append("; JVM CPU ").append(loop.cpu().stream().map(v -> String.format(Locale.ROOT, "%.2f s", v))
                            .collect(Collectors.joining(", "))).append('\n');
        }
        s.append("- `trawl dissect`'s own summary (in the order run, /dev/null and tmpfs alternating): ")
                .append(summaries.stream().map(x -> String.format(Locale.ROOT, "%.2f s", x.seconds()))
                        .collect(Collectors.joining(", "))).append('\n');
        return s.toString();
    }

    private void procRow(MarkdownTable t, ProcRow r, double tcpdumpRate, double tsharkPerCpu) {
        Series walls = r.walls();
        boolean work = tcpdumpRate == tcpdumpRate; // the version row measures no work
        double rate = packets / r.wall();
        t.row(r.what(), r.kind(), r.runs().size(), String.format(Locale.ROOT, "%.2f", r.wall()),
                String.format(Locale.ROOT, "%.2f – %.2f", walls.min(), walls.max()),
                String.format(Locale.ROOT, "%.2f", r.cpu()), twoDecimals(r.cpu() / r.wall()), oneDecimal(r.rssMiB()),
                work ? count(rate) : "", work ? count(packets / r.cpu()) : "",
                work && r.items() >= 0 ? count(r.items() / r.wall()) : "",
                work ? ratio(rate / tcpdumpRate) : "", work ? ratio(packets / r.cpu() / tsharkPerCpu) : "",
                loadRange(walls.minLoad(), walls.maxLoad()), others(walls));
    }

    /** The profiles cut into the stages of the dissection, for the question what a second thread could take. */
    private static void stages(MarkdownTable t, JfrSummary whole, JfrSummary steady) {
        String table = "io.trawl.dissect.flow.FlowTable.";
        String json = "io.trawl.model.item.ItemJson.";
        String run = "io.trawl.dissect.offline.OfflineDissection.run";
        Function<JfrSummary, double[]> cut = p -> {
            double r = p.inclusiveShare(run);
            double read = p.inclusiveShare("io.trawl.pcap.");
            double flows = p.inclusiveShare(table);
            double j = p.inclusiveShareWithin(json, table);
            double mapping = p.inclusiveShareWithin("io.trawl.dissect.http.HttpItemMapper.", table)
                    + p.inclusiveShareWithin("io.trawl.dissect.dns.DnsItemMapper.", table);
            return new double[] {read, flows - j, mapping, j, r - read - flows, 1 - r};
        };
        double[] a = cut.apply(whole);
        double[] b = steady == null ? new double[6] : cut.apply(steady);
        String[] names = {
            "reading the file (`io.trawl.pcap`: `CaptureFileReader` and its record input)",
            "flow table, TCP reassembly, protocol detection, dissectors, item building (`FlowTable`, less JSON)",
            "… of which building the items (`HttpItemMapper`, `DnsItemMapper`)",
            "writing the items as JSON (`ItemJson`, called from the flow table's emit)",
            "the rest of `OfflineDissection.run`",
            "outside `OfflineDissection.run` (JVM and launcher start, picocli; in-process: JFR, the harness)"};
        for (int i = 0; i < names.length; i++) {
            t.row(names[i], pct(a[i]), steady == null ? "n/a" : pct(b[i]));
        }
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private String counts(Map<String, String> lc, DissectSummary summary, List<DissectSummary> summaries,
                          ItemCensus census, long tsharkRequests, Map<String, Long> tsharkUris,
                          Map<String, Long> nginxUris) {
        StringBuilder s = new StringBuilder("## Do the counts agree?\n\n");
        boolean allSame = summaries.stream().allMatch(x -> x.items() == summary.items()
                && x.byProtocol().equals(summary.byProtocol()));
        s.append(String.format(Locale.ROOT,
                "Trawl's counts come from the summary line of every `trawl dissect` run (%s) and from the JSON lines "
                        + "of the last run to tmpfs; the others from `%s`, which bench/make-dissect-capture.sh wrote "
                        + "when it made the capture, and from tshark in this run. Trawl saw %,d flows and %,d "
                        + "reassembly gaps.%n%n",
                allSame ? "all " + summaries.size() + " agree" : "they DIFFER: " + summaries, options.counts(),
                summary.flows(), summary.gaps()));
        MarkdownTable h = new MarkdownTable("HTTP/1.1 transactions", ">Count", "Source");
        long nginx = countOf(lc, "nginx_access_log_lines");
        h.row("served by nginx", count(nginx), "lines of nginx's access log");
        h.row("completed by h2load", countOrNa(countOf(lc, "h2load_requests_done")), "h2load's `requests: … done`");
        h.row("Trawl http items", count(summary.of("http")), "`trawl dissect` summary line");
        if (census != null) {
            h.row("… with a response", count(census.kind("http", "tcp", true)), "items' JSON");
            h.row("… without a response", count(census.kind("http", "tcp", false)), "items' JSON");
        }
        h.row("tshark's HTTP requests", countOrNa(tsharkRequests), "lines of `tshark -Y http.request -T fields`");
        s.append(h.render()).append('\n');

        if (census != null) {
            MarkdownTable st = new MarkdownTable("HTTP status", ">nginx", ">h2load", ">Trawl items");
            TreeSet<String> codes = new TreeSet<>(census.httpStatus().keySet());
            lc.keySet().stream().filter(k -> k.startsWith("nginx_status_")).map(k -> k.substring(13)).forEach(codes::add);
            for (String c : codes) {
                long h2 = c.length() == 3 ? countOf(lc, "h2load_status_" + c.charAt(0) + "xx") : -1;
                st.row(c, countOrNa(countOf(lc, "nginx_status_" + c)),
                        h2 >= 0 ? count(h2) + " (" + c.charAt(0) + "xx)" : "n/a",
                        count(census.httpStatus().getOrDefault(c, 0L)));
            }
            s.append(st.render()).append('\n');
            MarkdownTable u = new MarkdownTable("Request target", ">nginx access log", ">Trawl items", ">tshark");
            TreeSet<String> targets = new TreeSet<>(nginxUris.keySet());
            targets.addAll(census.httpUris().keySet());
            targets.addAll(tsharkUris.keySet());
            long differ = 0;
            for (String target : targets) {
                long a = nginxUris.getOrDefault(target, 0L);
                long b = census.httpUris().getOrDefault(target, 0L);
                long c = tsharkUris.getOrDefault(target, 0L);
                if (a != b || (!tsharkUris.isEmpty() && b != c)) {
                    differ++;
                }
                u.row("`" + target + "`", count(a), count(b), tsharkUris.isEmpty() ? "n/a" : count(c));
            }
            s.append(u.render()).append('\n');
            s.append(differ == 0 ? "Every request target has the same count in all three.\n\n"
                    : differ + " request targets have different counts.\n\n");
        }

        MarkdownTable d = new MarkdownTable("DNS", ">UDP", ">TCP", "Source");
        d.row("queries sent", countOrNa(countOf(lc, "dnsperf_udp_queries_sent")),
                countOrNa(countOf(lc, "dnsperf_tcp_queries_sent")), "dnsperf");
        d.row("queries completed (answer received)", countOrNa(countOf(lc, "dnsperf_udp_queries_completed")),
                countOrNa(countOf(lc, "dnsperf_tcp_queries_completed")), "dnsperf");
        d.row("queries lost", countOrNa(countOf(lc, "dnsperf_udp_queries_lost")),
                countOrNa(countOf(lc, "dnsperf_tcp_queries_lost")), "dnsperf");
        d.row("answered", countOrNa(countOf(lc, "dnsmasq_udp_answered_locally")), "n/a",
                "dnsmasq's counters (SIGUSR1; its TCP children do not report)");
        if (census != null) {
            d.row("Trawl dns items", count(census.kind("dns", "udp", null)), count(census.kind("dns", "tcp", null)),
                    "items' JSON (summary line: " + count(summary.of("dns")) + " in all)");
            d.row("… with a response", count(census.kind("dns", "udp", true)), count(census.kind("dns", "tcp", true)),
                    "items' JSON");
            d.row("… without a response", count(census.kind("dns", "udp", false)),
                    count(census.kind("dns", "tcp", false)), "items' JSON");
        } else {
            d.row("Trawl dns items", "", "", count(summary.of("dns")) + " in all (summary line)");
        }
        s.append(d.render()).append('\n');
        if (census != null) {
            s.append("DNS response codes in Trawl's items: ").append(census.dnsRcode().entrySet().stream()
                    .map(e -> "rcode " + e.getKey() + ": " + count(e.getValue())).collect(Collectors.joining(", ")))
                    .append("; dnsperf: UDP ").append(lc.getOrDefault("dnsperf_udp_response_codes", "n/a"))
                    .append(", TCP ").append(lc.getOrDefault("dnsperf_tcp_response_codes", "n/a")).append(".\n\n");
            s.append("Items with an error: ").append(census.errors().isEmpty() ? "none"
                    : census.errors().entrySet().stream().map(e -> e.getKey() + " (" + count(e.getValue()) + ")")
                    .collect(Collectors.joining("; "))).append(".\n\n");
        }
        return s.toString();
    }

    /** tshark's version line (as root, tshark first warns about running as root). */
    private static String tsharkVersion() {
        try {
            Process p = new ProcessBuilder(InstalledTools.which("tshark", "tshark"), "--version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.startsWith("TShark")).findFirst().orElse("tshark").trim()
                    .replaceFirst("\\.$", "");
        } catch (IOException e) {
            return "tshark (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "tshark";
        }
    }

    /** A number from the .counts file, or -1 when it is missing or not a number. */
    private static long countOf(Map<String, String> counts, String key) {
        String v = counts.get(key);
        if (v == null || v.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String countOrNa(long n) {
        return n < 0 ? "n/a" : count(n);
    }

    private static String fmt(Map<String, String> counts, String key) {
        long n = countOf(counts, key);
        return n < 0 ? "?" : count(n);
    }
}
