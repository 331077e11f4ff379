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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return new DissectReport(options, packets, packetBytes, quiet).render(started, loadAtStart, loadCounts,
                tcpdumpRow, nullRow, tmpfsRow, twoThreadsRow, versionRow, tsharkRow, tsharkEkRow,
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
}
