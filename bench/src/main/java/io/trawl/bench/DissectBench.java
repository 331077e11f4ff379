package io.trawl.bench;

import io.trawl.dissect.detect.StandardDissectors;
import io.trawl.dissect.flow.DissectionStats;
import io.trawl.dissect.flow.FlowSettings;
import io.trawl.dissect.flow.FlowTable;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.offline.OfflineDissection;
import io.trawl.pcap.CaptureFileException;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.trawl.bench.MarkdownTable.count;
import static io.trawl.bench.MarkdownTable.loadRange;
import static io.trawl.bench.MarkdownTable.oneDecimal;
import static io.trawl.bench.MarkdownTable.others;
import static io.trawl.bench.MarkdownTable.ratio;
import static io.trawl.bench.MarkdownTable.twoDecimals;

/**
 * The dissection benchmark: on one capture of HTTP/1.1 and DNS traffic (made by bench/make-dissect-capture.sh), in
 * one run, measures {@code trawl dissect} as a whole process (the {@code trawl} script itself, as users run it)
 * and in-process ({@link OfflineDissection}), beside {@code tshark -r FILE -Y http.request -T fields -e
 * http.request.uri} and {@code tcpdump -r FILE -w /dev/null} on the same file; checks that Trawl's HTTP and DNS
 * items, tshark's requests and what nginx, h2load, dnsperf and dnsmasq counted while the capture was made agree;
 * and (unless {@code --no-profile}) records one more, uncounted {@code trawl dissect} run with JFR and summarises
 * where its time went, and profiles one in-process pass after the timed ones (steady state, JIT warm). Also
 * measures {@code trawl dissect} with a few other JVM options ({@code --variant}, passed in TRAWL_JAVA_OPTS; by
 * default without the AOT cache and C1 only). Prints a Markdown report and writes it to {@code --out}.
 *
 * <p>Whole processes run under {@code /usr/bin/time} (Debian package {@code time}) for their user and system CPU
 * and peak RSS. Like {@link BenchMain}, every row reports the load average and the CPU that other processes used
 * during its runs, and before each timed run the harness waits for other processes to go quiet.
 *
 * <pre>
 * DissectBench [--file bench/data/dissect-load.pcap] [--counts bench/data/dissect-load.counts]
 *              [--access-log bench/data/dissect-load.access.log] [--trawl ./trawl]
 *              [--jar launcher/target/trawl.jar]
 *              [--out bench/results/dissect-latest.md] [--tmpfs /dev/shm] [--runs 5] [--process-runs 3]
 *              [--tshark-runs 1] [--skip-tshark] [--no-tshark-ek] [--no-profile] [--jfr bench/data/dissect-profile.jfr]
 *              [--variant LABEL=JVM-OPTIONS]... [--no-variants] [--quiet-cores 0.25] [--quiet-wait 60]
 * </pre>
 */
public final class DissectBench {

    static final String JFR_SETTINGS = "settings=profile,jdk.ExecutionSample#period=2ms";

    /** JVM options tried on {@code trawl dissect --out /dev/null} beside the default, by default. */
    static final List<Variant> DEFAULT_VARIANTS = List.of(
            new Variant("no AOT cache, no CDS", List.of("-XX:AOTMode=off")),
            new Variant("C1 only", List.of("-XX:TieredStopAtLevel=1")));

    /** A set of JVM options for one more whole-process row. */
    record Variant(String label, List<String> jvmOptions) {

        /** {@code LABEL=OPTION[ OPTION...]} */
        static Variant parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--variant takes LABEL=JVM-OPTIONS, not " + spec);
            }
            return new Variant(spec.substring(0, eq), List.of(spec.substring(eq + 1).trim().split("\\s+")));
        }
    }

    record Options(Path file, Path counts, Path accessLog, Path trawl, Path jar, Path out, Path tmpfs, int runs, int processRuns,
                   int tsharkRuns, boolean skipTshark, boolean tsharkEk, boolean profile, Path jfr, List<Variant> variants,
                   double quietCores, int quietWaitSeconds) {

        static Options parse(String[] args) {
            Path file = Path.of("bench/data/dissect-load.pcap");
            Path counts = null;
            Path accessLog = null;
            Path trawl = Path.of("trawl");
            Path jar = Path.of("launcher/target/trawl.jar");
            Path out = Path.of("bench/results/dissect-latest.md");
            Path tmpfs = Path.of("/dev/shm");
            int runs = 5;
            int processRuns = 3;
            int tsharkRuns = 1;
            boolean skipTshark = false;
            boolean tsharkEk = true;
            boolean profile = true;
            Path jfr = Path.of("bench/data/dissect-profile.jfr");
            List<Variant> variants = new ArrayList<>();
            boolean defaultVariants = true;
            double quietCores = 0.25;
            int quietWait = 60;
            Arguments in = new Arguments(args);
            while (in.hasNext()) {
                String a = in.option();
                switch (a) {
                    case "--file" -> file = in.path(a);
                    case "--counts" -> counts = in.path(a);
                    case "--access-log" -> accessLog = in.path(a);
                    case "--trawl" -> trawl = in.path(a);
                    case "--jar" -> jar = in.path(a);
                    case "--out" -> out = in.path(a);
                    case "--tmpfs" -> tmpfs = in.path(a);
                    case "--runs" -> runs = in.atLeast(3, a);
                    case "--process-runs" -> processRuns = in.atLeast(1, a);
                    case "--tshark-runs" -> tsharkRuns = in.atLeast(1, a);
                    case "--skip-tshark" -> skipTshark = true;
                    case "--no-tshark-ek" -> tsharkEk = false;
                    case "--no-profile" -> profile = false;
                    case "--jfr" -> jfr = in.path(a);
                    case "--variant" -> {
                        variants.add(Variant.parse(in.value(a)));
                        defaultVariants = false;
                    }
                    case "--no-variants" -> defaultVariants = false;
                    case "--quiet-cores" -> quietCores = in.decimal(a);
                    case "--quiet-wait" -> quietWait = in.atLeast(0, a);
                    case "-h", "--help" -> Arguments.printUsageAndExit("usage: DissectBench [--file PCAP] [--counts "
                            + "FILE.counts] [--access-log FILE] [--trawl ./trawl] [--jar trawl.jar] [--out REPORT.md] "
                            + "[--tmpfs DIR] [--runs N>=3] [--process-runs N] [--tshark-runs N] [--skip-tshark] "
                            + "[--no-tshark-ek] [--no-profile] [--jfr FILE] [--variant LABEL=JVM-OPTIONS]... "
                            + "[--no-variants] [--quiet-cores 0.25] [--quiet-wait SECONDS]");
                    default -> throw Arguments.unknown(a);
                }
            }
            String base = file.getFileName().toString().replaceFirst("\\.pcap(ng)?$", "");
            if (counts == null) {
                counts = file.resolveSibling(base + ".counts");
            }
            if (accessLog == null) {
                accessLog = file.resolveSibling(base + ".access.log");
            }
            if (defaultVariants) {
                variants.addAll(DEFAULT_VARIANTS);
            }
            return new Options(file, counts, accessLog, trawl, jar, out, tmpfs, runs, processRuns, tsharkRuns, skipTshark, tsharkEk,
                    profile, jfr, List.copyOf(variants), quietCores, quietWait);
        }
    }

    /** One whole-process run: wall clock from spawn to exit, and what /usr/bin/time said of the child. */
    record ProcRun(double wall, double cpu, long peakRssKiB, double load, double others, String stderr,
                   long stdoutLines) {
    }

    /** The runs of one whole-process row. */
    record ProcRow(String what, String kind, List<ProcRun> runs, long items) {

        ProcRow(String what, String kind, long items) {
            this(what, kind, new ArrayList<>(), items);
        }

        double wall() {
            return Series.median(runs.stream().map(ProcRun::wall).toList());
        }

        double cpu() {
            return Series.median(runs.stream().map(ProcRun::cpu).toList());
        }

        double rssMiB() {
            return Series.median(runs.stream().map(r -> r.peakRssKiB() / 1024.0).toList());
        }

        Series walls() {
            Series s = new Series();
            runs.forEach(r -> s.add(r.wall(), r.load(), r.others()));
            return s;
        }
    }

    /** The summary line that {@code trawl dissect} prints on standard error. */
    record DissectSummary(long packets, long items, Map<String, Long> byProtocol, double seconds, long flows,
                          long gaps) {

        static final Pattern LINE = Pattern.compile("dissected ([\\d,]+) packets into ([\\d,]+) items"
                + "(?: \\(([^)]*)\\))? in ([\\d.]+) s; ([\\d,]+) flows, ([\\d,]+) reassembly gaps");

        static DissectSummary parse(String stderr) {
            Matcher m = LINE.matcher(stderr);
            if (!m.find()) {
                throw new IllegalStateException("no summary line in trawl dissect's standard error: " + stderr);
            }
            Map<String, Long> by = new TreeMap<>();
            if (m.group(3) != null) {
                for (String part : m.group(3).split(",")) {
                    String[] nv = part.trim().split(" ");
                    by.put(nv[1], number(nv[0]));
                }
            }
            return new DissectSummary(number(m.group(1)), number(m.group(2)), by, Double.parseDouble(m.group(4)),
                    number(m.group(5)), number(m.group(6)));
        }

        long of(String protocol) {
            return byProtocol.getOrDefault(protocol, 0L);
        }

        private static long number(String s) {
            return Long.parseLong(s.replace(",", ""));
        }
    }

    private static final ProgressLog LOG = new ProgressLog("dissect-bench", System.out);

    private final Options options;
    private final QuietWait quiet;
    /** The counting pass: what every other pass and process must see. */
    private ReaderLoops.Pass counted;
    private long packets;
    private long packetBytes;

    private DissectBench(Options options) {
        this.options = options;
        this.quiet = new QuietWait(options.quietCores(), options.quietWaitSeconds(), LOG::line);
    }

    public static void main(String[] args) throws Exception {
        Options options = Arguments.parseOrExit("dissect-bench", args, Options::parse);
        for (Path p : List.of(options.file(), options.trawl(), options.jar())) {
            if (!Files.isRegularFile(p)) {
                System.err.println("dissect-bench: " + p + " does not exist (bench/make-dissect-capture.sh makes the "
                        + "capture; ./mvnw -pl launcher -am package the jar)");
                System.exit(2);
            }
        }
        Reports.publish("dissect-bench", new DissectBench(options).run(), options.out());
        System.exit(0);
    }

    private String run() throws Exception {
        Path file = options.file();
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        double loadAtStart = Machine.loadAverage();
        Map<String, String> loadCounts = readCounts(options.counts());

        LOG.line("counting packets (and reading the file into the page cache) ...");
        counted = ReaderLoops.read(file);
        packets = counted.packets();
        packetBytes = counted.bytes();
        LOG.line(String.format(Locale.ROOT, "%s: %,d packets, %,d bytes of packets, file %,d bytes", file, packets,
                packetBytes, Files.size(file)));

        String time = InstalledTools.which("time", "time");
        String tcpdump = InstalledTools.which("tcpdump", "tcpdump");
        Path itemsFile = options.tmpfs().resolve("trawl-bench-items-" + ProcessHandle.current().pid() + ".jsonl");
        List<String> dissectNull = trawl("dissect", file.toString(), "--out", "/dev/null");
        List<String> dissectTmpfs = trawl("dissect", file.toString(), "--out", itemsFile.toString());
        List<String> version = trawl("--version");
        List<String> dissectTwoThreads = trawl("dissect", file.toString(), "--out", "/dev/null", "--threads", "2");
        List<String> tcpdumpWrite = List.of(tcpdump, "-r", file.toString(), "-w", "/dev/null");

        LOG.line("warm-up: tcpdump and trawl dissect once each (not counted) ...");
        ProcRun warm = runProcess(time, tcpdumpWrite, false);
        LOG.line(String.format(Locale.ROOT, "warm-up tcpdump %.2f s", warm.wall()));
        warm = runProcess(time, dissectNull, false);
        DissectSummary warmSummary = DissectSummary.parse(warm.stderr());
        counted.check(warmSummary.packets(), "trawl dissect (warm-up)");
        LOG.line(String.format(Locale.ROOT, "warm-up trawl dissect %.2f s: %,d items", warm.wall(), warmSummary.items()));

        // --- whole processes, interleaved so that drift hits all alike ------------------------------------------
        ProcRow tcpdumpRow = new ProcRow("`tcpdump -r FILE -w /dev/null`", "whole process, median", -1);
        ProcRow nullRow = new ProcRow("`trawl dissect FILE --out /dev/null`", "whole process, median",
                warmSummary.items());
        ProcRow tmpfsRow = new ProcRow("`trawl dissect FILE --out` a file on tmpfs", "whole process, median",
                warmSummary.items());
        ProcRow twoThreadsRow = new ProcRow("`trawl dissect FILE --out /dev/null --threads 2` (JSON written on a "
                + "second thread)", "whole process, median", warmSummary.items());
        ProcRow versionRow = new ProcRow("`trawl --version` (JVM and launcher start, no work)",
                "whole process, median", -1);
        Map<Variant, ProcRow> variantRows = new LinkedHashMap<>();
        for (Variant v : options.variants()) {
            variantRows.put(v, new ProcRow("`trawl dissect FILE --out /dev/null` with TRAWL_JAVA_OPTS `" + String.join(" ",
                    v.jvmOptions()) + "` (" + v.label() + ")", "whole process, median", warmSummary.items()));
        }
        List<DissectSummary> summaries = new ArrayList<>();
        ItemCensus census = null;
        long itemsFileBytes = -1;
        for (int i = 0; i < options.processRuns(); i++) {
            tcpdumpRow.runs().add(measure("tcpdump -r -w /dev/null", time, tcpdumpWrite, false));
            ProcRun r = measure("trawl dissect --out /dev/null", time, dissectNull, false);
            nullRow.runs().add(r);
            summaries.add(checked(DissectSummary.parse(r.stderr())));
            r = measure("trawl dissect --out tmpfs", time, dissectTmpfs, false);
            tmpfsRow.runs().add(r);
            summaries.add(checked(DissectSummary.parse(r.stderr())));
            if (i == options.processRuns() - 1) {
                itemsFileBytes = Files.size(itemsFile);
                LOG.line(String.format(Locale.ROOT, "reading the items of the last run (%,d bytes) ...", itemsFileBytes));
                census = ItemCensus.of(itemsFile);
            }
            Files.deleteIfExists(itemsFile);
            r = measure("trawl dissect --threads 2", time, dissectTwoThreads, false);
            twoThreadsRow.runs().add(r);
            checked(DissectSummary.parse(r.stderr()));
            versionRow.runs().add(measure("trawl --version", time, version, false));
            for (Map.Entry<Variant, ProcRow> v : variantRows.entrySet()) {
                r = measure("trawl dissect " + v.getKey().label(), time,
                        trawl(v.getKey().jvmOptions(), "dissect", file.toString(), "--out", "/dev/null"), false);
                v.getValue().runs().add(r);
                checked(DissectSummary.parse(r.stderr()));
            }
        }

        ProcRow tsharkRow = null;
        ProcRow tsharkEkRow = null;
        Map<String, Long> tsharkUris = new TreeMap<>();
        long tsharkRequests = -1;
        if (!options.skipTshark()) {
            String tshark = InstalledTools.which("tshark", "tshark");
            List<String> tsharkCmd = List.of(tshark, "-r", file.toString(), "-Y", "http.request", "-T", "fields",
                    "-e", "http.request.uri");
            tsharkRow = new ProcRow("`tshark -r FILE -Y http.request -T fields -e http.request.uri`",
                    options.tsharkRuns() == 1 ? "whole process, 1 run" : "whole process, median", -1);
            for (int i = 0; i < options.tsharkRuns(); i++) {
                Path uris = Files.createTempFile("trawl-bench-tshark", ".txt");
                try {
                    ProcRun r = measure("tshark -Y http.request", time, tsharkCmd, uris);
                    tsharkRow.runs().add(r);
                    if (i == 0) {
                        tsharkUris = countLines(uris);
                        tsharkRequests = r.stdoutLines();
                    }
                } finally {
                    Files.deleteIfExists(uris);
                }
            }
            tsharkRow = new ProcRow(tsharkRow.what(), tsharkRow.kind(), tsharkRow.runs(), tsharkRequests);
            if (options.tsharkEk()) {
                // tshark writing what it dissected as JSON lines, as Trawl does: every layer of every HTTP or DNS
                // packet (Elasticsearch bulk format, two lines per packet), not one item per transaction.
                List<String> ekCmd = List.of(tshark, "-r", file.toString(), "-Y", "http or dns", "-T", "ek");
                tsharkEkRow = new ProcRow("`tshark -r FILE -Y 'http or dns' -T ek` (JSON lines, to /dev/null)",
                        "whole process, 1 run", -1);
                tsharkEkRow.runs().add(measure("tshark -T ek", time, ekCmd, false));
            }
        }

        // --- in-process: best of N after a warm-up pass, one loop after the other -----------------------------
        // OfflineDissection as trawl dissect runs it; the same flow table with the items built but not written; and
        // the floor: reading with the L2-L4 decode and flow key that the flow table does for every packet. Not
        // interleaved: in a trial run, interleaving the three made OfflineDissection 25% slower (the other loops
        // change the JIT's profile of the shared code, e.g. the flow table's item sink). OfflineDissection goes
        // first, its JVM as fresh as trawl dissect's, and its profiled pass follows its timed ones directly.
        List<InProcessRow> loops = List.of(
                new InProcessRow("`OfflineDissection.run`, items into a discarding stream", () -> {
                    OfflineDissection.Result r = inProcess(file);
                    return new long[] {r.packets(), r.items()};
                }),
                new InProcessRow("`FlowTable.packet` loop, items built but not written (no JSON)",
                        () -> flowTableOnly(file)),
                new InProcessRow("floor: reader + `PacketDecoder.decode` + `FlowKey.encode` (`ReaderLoops`)", () -> {
                    ReaderLoops.Pass r = ReaderLoops.readDecodeKey(file);
                    return new long[] {r.packets(), -1};
                }));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        JfrSummary steadyProfile = null;
        for (InProcessRow loop : loops) {
            LOG.line("in-process warm-up: " + loop.what() + " ...");
            counted.check(loop.pass().get()[0], loop.what());
            for (int i = 0; i < options.runs(); i++) {
                quiet.await();
                double load = Machine.loadAverage();
                Machine.CpuSnapshot before = Machine.CpuSnapshot.take();
                long cpu0 = Machine.processCpuNanos();
                long thread0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long[] seen = loop.pass().get();
                double seconds = (System.nanoTime() - t0) / 1e9;
                double threadCpu = (threads.getCurrentThreadCpuTime() - thread0) / 1e9;
                double cpu = (Machine.processCpuNanos() - cpu0) / 1e9;
                double others = Machine.CpuSnapshot.take().othersCoresSince(before);
                counted.check(seen[0], loop.what());
                loop.rate().add(packets / seconds, load, others);
                loop.cpu().add(cpu);
                loop.threadCpu().add(threadCpu);
                loop.items()[0] = seen[1];
                LOG.line(String.format(Locale.ROOT, "in-process run %d: %.2f s, %,10.0f packets/s, JVM CPU %.2f s (this "
                                + "thread %.2f s), %,d items (load %.2f, others %.2f cores): %s", i + 1, seconds,
                        packets / seconds, cpu, threadCpu, seen[1], load, others, loop.what()));
            }
            if (loop == loops.getFirst() && options.profile()) {
                steadyProfile = profileInProcess(file);
            }
        }

        // --- profile: one more trawl dissect with JFR, not counted (the in-process one ran above) ---------------
        JfrSummary profile = null;
        ProcRun profiled = null;
        if (options.profile()) {
            Path jfr = options.jfr().toAbsolutePath();
            Files.createDirectories(jfr.getParent());
            Files.deleteIfExists(jfr);
            List<String> cmd = trawl(List.of("-XX:StartFlightRecording=" + JFR_SETTINGS + ",filename=" + jfr),
                    "dissect", file.toString(), "--out", "/dev/null");
            quiet.await();
            profiled = runProcess(time, cmd, false);
            checked(DissectSummary.parse(profiled.stderr()));
            LOG.line(String.format(Locale.ROOT, "profiled run (JFR, %s): %.2f s wall, %.2f s CPU; recording in %s",
                    JFR_SETTINGS, profiled.wall(), profiled.cpu(), jfr));
            profile = JfrSummary.read(jfr);
        }

        Map<String, Long> nginxUris = accessLogUris(options.accessLog());
        return report(started, loadAtStart, loadCounts, tcpdumpRow, nullRow, tmpfsRow, twoThreadsRow, versionRow, tsharkRow, tsharkEkRow,
                variantRows.values(), loops, summaries, census,
                itemsFileBytes, tsharkRequests, tsharkUris, nginxUris, profile, profiled, steadyProfile);
    }

    /** One more OfflineDissection pass, not counted, recorded with JFR (the steady state: JIT warm). */
    private JfrSummary profileInProcess(Path file) throws Exception {
        Path steadyJfr = inProcessJfr();
        Files.createDirectories(steadyJfr.toAbsolutePath().getParent());
        quiet.await();
        try (Recording rec = new Recording(Configuration.getConfiguration("profile"))) {
            rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
            rec.setToDisk(true);
            rec.start();
            long t0 = System.nanoTime();
            counted.check(inProcess(file).packets(), "OfflineDissection (profiled)");
            double seconds = (System.nanoTime() - t0) / 1e9;
            rec.stop();
            rec.dump(steadyJfr);
            LOG.line(String.format(Locale.ROOT, "profiled in-process pass (JFR): %.2f s; recording in %s", seconds,
                    steadyJfr));
        }
        return JfrSummary.read(steadyJfr);
    }

    /** Beside the process's recording: NAME-inprocess.jfr. */
    private Path inProcessJfr() {
        Path jfr = options.jfr();
        return jfr.resolveSibling(jfr.getFileName().toString().replaceFirst("\\.jfr$", "") + "-inprocess.jfr");
    }

    /** An in-process loop and its timed passes; {@code pass} returns {packets, items (-1: none)}. */
    record InProcessRow(String what, Supplier<long[]> pass, Series rate, List<Double> cpu, List<Double> threadCpu,
                        long[] items) {

        InProcessRow(String what, Supplier<long[]> pass) {
            this(what, pass, new Series(), new ArrayList<>(), new ArrayList<>(), new long[] {-1});
        }

        int best() {
            return rate.values().indexOf(rate.max());
        }
    }

    /** OfflineDissection's loop without the JSON: the flow table's items are counted and dropped. */
    private static long[] flowTableOnly(Path file) {
        long[] items = {0, 0};
        FlowTable table = new FlowTable(FlowSettings.defaults(), StandardDissectors.registry(),
                DissectorLimits.defaults(), (key, item) -> {
                    items[0]++;
                    items[1] += item.index();
                }, new DissectionStats());
        FilePacket p = new FilePacket();
        long packets = 0;
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            while (reader.next(p)) {
                packets++;
                table.packet(p.timestampNanos, p.linkType, p.buffer, p.offset, p.length, "local");
            }
        } catch (CaptureFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        table.closeAll("end of capture");
        return new long[] {packets, items[0]};
    }

    private OfflineDissection.Result inProcess(Path file) {
        OfflineDissection d = new OfflineDissection(StandardDissectors.registry(), FlowSettings.defaults(),
                DissectorLimits.defaults());
        // as DissectCommand does: a 64 KiB buffer in front of the output, which here drops everything
        try (OutputStream sink = new BufferedOutputStream(OutputStream.nullOutputStream(), 1 << 16)) {
            return d.run(file, sink, "local");
        } catch (CaptureFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- whole processes ------------------------------------------------------------------------------------

    private List<String> trawl(String... args) {
        return trawl(List.of(), args);
    }

    /**
     * The {@code trawl} script itself, as users run it (its JVM options, class path and AOT cache), with
     * {@code jvmOptions} in TRAWL_JAVA_OPTS (set through {@code env}, so that the command line says it all).
     */
    private List<String> trawl(List<String> jvmOptions, String... args) {
        // TRAWL_NO_BUILD: run-dissect.sh has built; a source edited meanwhile must not make a run rebuild
        List<String> cmd = new ArrayList<>(List.of("env", "TRAWL_NO_BUILD=1",
                "TRAWL_JAVA_OPTS=" + String.join(" ", jvmOptions), options.trawl().toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private ProcRun measure(String name, String time, List<String> command, Object stdout) throws Exception {
        quiet.await();
        double load = Machine.loadAverage();
        Machine.CpuSnapshot before = Machine.CpuSnapshot.take();
        ProcRun r = runProcess(time, command, stdout);
        double others = Machine.CpuSnapshot.take().othersCoresSince(before);
        r = new ProcRun(r.wall(), r.cpu(), r.peakRssKiB(), load, others, r.stderr(), r.stdoutLines());
        LOG.line(String.format(Locale.ROOT, "process %-30s %7.3f s wall, %7.3f s CPU, %,7.0f MiB peak RSS, %s "
                        + "(load %.2f, others %.2f cores)", name, r.wall(), r.cpu(), r.peakRssKiB() / 1024.0,
                name.contains("--version") ? "no packets" : String.format(Locale.ROOT, "%,10.0f packets/s",
                        packets / r.wall()), load, others));
        return r;
    }

    /**
     * Runs {@code command} under {@code /usr/bin/time}; wall clock from spawn to exit. {@code stdout}: false to
     * discard it, or a Path to keep it in (its lines are counted).
     */
    private static ProcRun runProcess(String time, List<String> command, Object stdout) throws Exception {
        File err = File.createTempFile("trawl-bench", ".err");
        File usage = File.createTempFile("trawl-bench", ".time");
        Path keep = stdout instanceof Path p ? p : null;
        try {
            List<String> cmd = new ArrayList<>(List.of(time, "-f", "%U %S %M", "-o", usage.getPath()));
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectError(err)
                    .redirectOutput(keep != null ? ProcessBuilder.Redirect.to(keep.toFile())
                            : ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than 30 minutes");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String errText = Files.readString(err.toPath());
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + errText);
            }
            List<String> lines = Files.readAllLines(usage.toPath());
            String[] f = lines.getLast().trim().split("\\s+");
            double cpu = Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
            long rss = Long.parseLong(f[2]);
            long stdoutLines = -1;
            if (keep != null) {
                try (BufferedReader r = Files.newBufferedReader(keep, StandardCharsets.ISO_8859_1)) {
                    stdoutLines = r.lines().count();
                }
            }
            return new ProcRun(seconds, cpu, rss, Double.NaN, Double.NaN, errText, stdoutLines);
        } finally {
            err.delete();
            usage.delete();
        }
    }

    private DissectSummary checked(DissectSummary s) {
        counted.check(s.packets(), "trawl dissect");
        return s;
    }

    // --- counts ---------------------------------------------------------------------------------------------

    /** The key=value lines of the capture's .counts file; empty when there is none. */
    static Map<String, String> readCounts(Path counts) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.isRegularFile(counts)) {
            return m;
        }
        for (String line : Files.readAllLines(counts)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return m;
    }

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

    private static Map<String, Long> countLines(Path file) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            r.lines().forEach(l -> m.merge(l.trim(), 1L, Long::sum));
        }
        return m;
    }

    /** Request targets in nginx's access log ({@code $connection $connection_requests $status $bytes "$request"}). */
    private static Map<String, Long> accessLogUris(Path accessLog) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        if (!Files.isRegularFile(accessLog)) {
            return m;
        }
        try (BufferedReader r = Files.newBufferedReader(accessLog, StandardCharsets.ISO_8859_1)) {
            r.lines().forEach(l -> {
                int q = l.indexOf('"');
                String[] request = q < 0 ? new String[0] : l.substring(q + 1).split(" ");
                m.merge(request.length >= 2 ? request[1] : "(unparsed)", 1L, Long::sum);
            });
        }
        return m;
    }

    /**
     * What the items of one {@code trawl dissect} run hold, from the JSON lines by plain string search (the
     * field order is fixed by ItemJson): items per protocol and transport, answered or not, HTTP status codes,
     * DNS response codes, errors by message, and HTTP request targets.
     */
    record ItemCensus(Map<String, Long> byKind, Map<String, Long> httpStatus, Map<String, Long> dnsRcode,
                      Map<String, Long> errors, Map<String, Long> httpUris, long lines) {

        static ItemCensus of(Path items) throws IOException {
            Map<String, Long> byKind = new TreeMap<>();
            Map<String, Long> status = new TreeMap<>();
            Map<String, Long> rcode = new TreeMap<>();
            Map<String, Long> errors = new TreeMap<>();
            Map<String, Long> uris = new TreeMap<>();
            long lines = 0;
            try (BufferedReader r = Files.newBufferedReader(items, StandardCharsets.UTF_8)) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines++;
                    String protocol = field(l, "\"protocol\":{\"name\":\"");
                    String layer4 = field(l, "\"layer4\":\"");
                    boolean answered;
                    if ("http".equals(protocol)) {
                        String s = number(l, "\"response\":{\"status\":");
                        answered = s != null;
                        status.merge(s == null ? "none" : s, 1L, Long::sum);
                        uris.merge(String.valueOf(field(l, "\"request\":{\"method\":\"GET\",\"url\":\"")), 1L,
                                Long::sum);
                    } else {
                        // the response's rcode: the request has none
                        int resp = l.indexOf("\"response\":{");
                        String c = resp < 0 ? null : number(l.substring(resp), "\"rcode\":");
                        answered = c != null;
                        rcode.merge(c == null ? "none" : c, 1L, Long::sum);
                    }
                    byKind.merge(protocol + "/" + layer4 + (answered ? " answered" : " unanswered"), 1L, Long::sum);
                    if (!l.contains("\"error\":null")) {
                        errors.merge(protocol + "/" + layer4 + ": " + field(l, "\"msg\":\""), 1L, Long::sum);
                    }
                }
            }
            return new ItemCensus(byKind, status, rcode, errors, uris, lines);
        }

        long kind(String protocol, String layer4, Boolean answered) {
            long n = 0;
            for (Map.Entry<String, Long> e : byKind.entrySet()) {
                String k = e.getKey();
                if (k.startsWith(protocol + "/" + (layer4 == null ? "" : layer4))
                        && (answered == null || k.endsWith(answered ? " answered" : " unanswered"))) {
                    n += e.getValue();
                }
            }
            return n;
        }

        private static String field(String line, String prefix) {
            int i = line.indexOf(prefix);
            if (i < 0) {
                return null;
            }
            int from = i + prefix.length();
            int to = line.indexOf('"', from);
            return to < 0 ? null : line.substring(from, to);
        }

        private static String number(String line, String prefix) {
            int i = line.indexOf(prefix);
            if (i < 0) {
                return null;
            }
            int from = i + prefix.length();
            int to = from;
            while (to < line.length() && Character.isDigit(line.charAt(to))) {
                to++;
            }
            return to == from ? null : line.substring(from, to);
        }
    }

    // --- the report -----------------------------------------------------------------------------------------

    private String report(String started, double loadAtStart, Map<String, String> loadCounts, ProcRow tcpdumpRow,
                          ProcRow nullRow, ProcRow tmpfsRow, ProcRow twoThreadsRow, ProcRow versionRow, ProcRow tsharkRow, ProcRow tsharkEkRow,
                          Collection<ProcRow> variantRows, List<InProcessRow> loops,
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

    private static String countOrNa(long n) {
        return n < 0 ? "n/a" : count(n);
    }

    private static String fmt(Map<String, String> counts, String key) {
        long n = countOf(counts, key);
        return n < 0 ? "?" : count(n);
    }
}
