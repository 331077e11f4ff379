package io.trawl.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trawl.capture.CaptureRun;
import io.trawl.capture.CaptureSummary;
import io.trawl.capture.metrics.CaptureMetrics;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.CaptureException;
import io.trawl.capture.source.file.CaptureFileSource;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.common.utils.AppInfoParser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.trawl.bench.MarkdownTable.count;
import static io.trawl.bench.MarkdownTable.loadRange;
import static io.trawl.bench.MarkdownTable.oneDecimal;
import static io.trawl.bench.MarkdownTable.others;
import static io.trawl.bench.MarkdownTable.range;
import static io.trawl.bench.MarkdownTable.ratio;
import static io.trawl.bench.MarkdownTable.twoDecimals;

/**
 * The benchmark harness: on one capture file, in one run, measures Trawl's capture-file reader (in-process and
 * as a whole process), tcpdump reading the same file, and the file published to a real Kafka broker with several
 * producer settings. Prints a Markdown report and writes it to {@code --out}.
 *
 * <p>Before each timed run it waits (up to {@code --quiet-wait} seconds) until other processes use at most
 * {@code --quiet-cores} of CPU, so that a shared machine's other work spoils as few runs as possible; every row
 * reports what other processes used during its runs all the same.
 *
 * <pre>
 * BenchMain [--file bench/data/http-load.pcap] [--out bench/results/latest.md] [--runs 5] [--process-runs 3]
 *           [--kafka-rounds 5] [--kafka-settings lz4:20,lz4:5,zstd:20,zstd:5,none:20,none:5] [--skip-kafka]
 *           [--skip-tcpdump-print] [--no-await-writable] [--quiet-cores 0.25] [--quiet-wait 60]
 * </pre>
 */
public final class BenchMain {

    /** The JVM flags Trawl runs with; the whole-process reader runs get the same. */
    static final List<String> TRAWL_JVM_FLAGS =
            List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
    static final String DEFAULT_SETTINGS = "lz4:20,lz4:5,zstd:20,zstd:5,none:20,none:5";
    static final KafkaBench.ProducerSetting CHOSEN_DEFAULT = new KafkaBench.ProducerSetting("lz4", 20, 262_144);

    record Options(Path file, Path out, int runs, int processRuns, int kafkaRounds,
                   List<KafkaBench.ProducerSetting> settings, boolean skipKafka, boolean skipTcpdumpPrint,
                   boolean awaitWritable, double quietCores, int quietWaitSeconds) {

        static Options parse(String[] args) {
            Path file = Path.of("bench/data/http-load.pcap");
            Path out = Path.of("bench/results/latest.md");
            int runs = 5;
            int processRuns = 3;
            int kafkaRounds = 5;
            String settings = DEFAULT_SETTINGS;
            boolean skipKafka = false;
            boolean skipPrint = false;
            boolean awaitWritable = true;
            double quietCores = 0.25;
            int quietWait = 60;
            Arguments in = new Arguments(args);
            while (in.hasNext()) {
                String a = in.option();
                switch (a) {
                    case "--file" -> file = in.path(a);
                    case "--out" -> out = in.path(a);
                    case "--runs" -> runs = in.atLeast(3, a);
                    case "--process-runs" -> processRuns = in.atLeast(1, a);
                    case "--kafka-rounds" -> kafkaRounds = in.atLeast(1, a);
                    case "--kafka-settings" -> settings = in.value(a);
                    case "--skip-kafka" -> skipKafka = true;
                    case "--skip-tcpdump-print" -> skipPrint = true;
                    case "--no-await-writable" -> awaitWritable = false;
                    case "--quiet-cores" -> quietCores = in.decimal(a);
                    case "--quiet-wait" -> quietWait = in.atLeast(0, a);
                    case "-h", "--help" -> Arguments.printUsageAndExit("usage: BenchMain [--file PCAP] [--out "
                            + "REPORT.md] [--runs N>=3] [--process-runs N] [--kafka-rounds N] [--kafka-settings "
                            + DEFAULT_SETTINGS + "] [--skip-kafka] [--skip-tcpdump-print] [--no-await-writable] "
                            + "[--quiet-cores 0.25] [--quiet-wait SECONDS]");
                    default -> throw Arguments.unknown(a);
                }
            }
            List<KafkaBench.ProducerSetting> parsed = Arrays.stream(settings.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).map(KafkaBench.ProducerSetting::parse).toList();
            return new Options(file, out, runs, processRuns, kafkaRounds, parsed, skipKafka, skipPrint,
                    awaitWritable, quietCores, quietWait);
        }
    }

    /** One row of the reading table. */
    record ReadRow(String what, String kind, Series series, boolean headlineIsBest) {
        double headline() {
            return headlineIsBest ? series.max() : series.median();
        }
    }

    private static final ProgressLog LOG = new ProgressLog("bench", System.out);

    private final Options options;
    private final QuietWait quiet;
    /** The counting pass: what every other pass and process must see. */
    private ReaderLoops.Pass counted;
    private long packets;
    private long packetBytes;

    private BenchMain(Options options) {
        this.options = options;
        this.quiet = new QuietWait(options.quietCores(), options.quietWaitSeconds(), LOG::line);
    }

    public static void main(String[] args) throws Exception {
        Options options = Arguments.parseOrExit("bench", args, Options::parse);
        if (!Files.isRegularFile(options.file())) {
            System.err.println("bench: " + options.file() + " does not exist; make it with bench/make-capture.sh");
            System.exit(2);
        }
        Reports.publish("bench", new BenchMain(options).run(), options.out());
        // The embedded broker's and the producer's non-daemon threads are closed; exit anyway, promptly.
        System.exit(0);
    }

    private String run() throws Exception {
        Path file = options.file();
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        double loadAtStart = Machine.loadAverage();

        LOG.line("counting packets (also the warm-up pass of the read loop and of the page cache) ...");
        counted = ReaderLoops.read(file);
        packets = counted.packets();
        packetBytes = counted.bytes();
        LOG.line(String.format(Locale.ROOT, "%s: %,d packets, %,d bytes of packets, file %,d bytes", file, packets,
                packetBytes, Files.size(file)));
        ReaderLoops.Pass decodePass = ReaderLoops.readDecodeKey(file);
        counted.check(decodePass.packets(), "the decode warm-up pass");

        // --- whole processes: tcpdump and Trawl's reader, interleaved so that drift hits all alike ---------------
        String tcpdump = InstalledTools.which("tcpdump", "tcpdump");
        List<String> tcpdumpWrite = List.of(tcpdump, "-r", file.toString(), "-w", "/dev/null");
        List<String> tcpdumpPrint = List.of(tcpdump, "-n", "-r", file.toString());
        List<String> java = childJava();
        LOG.line("tcpdump warm-up ...");
        timeProcess(tcpdumpWrite, false);
        Series jvmStart = new Series();
        for (int i = 0; i < options.processRuns(); i++) {
            quiet.await();
            double load = Machine.loadAverage();
            jvmStart.add(timeProcess(concat(java, "--none"), false).seconds(), load);
        }
        LOG.line(String.format(Locale.ROOT, "JVM start and exit alone: median %.0f ms", jvmStart.median() * 1000));
        Series tcpdumpW = new Series();
        Series tcpdumpP = new Series();
        Series procRead = new Series();
        Series procDecode = new Series();
        for (int i = 0; i < options.processRuns(); i++) {
            measureProcess(tcpdumpW, "tcpdump -r -w /dev/null", tcpdumpWrite, -1);
            measureProcess(procRead, "ReaderMain read", concat(java, file.toString(), "read"), packets);
            measureProcess(procDecode, "ReaderMain decode", concat(java, file.toString(), "decode"), packets);
            if (!options.skipTcpdumpPrint()) {
                measureProcess(tcpdumpP, "tcpdump -n -r > /dev/null", tcpdumpPrint, -1);
            }
        }

        // --- in-process loops: after the warm-up passes above, N timed runs each, interleaved -------------------
        Map<String, LongSupplier> loops = new LinkedHashMap<>();
        loops.put("read", () -> ReaderLoops.read(file).packets());
        loops.put("decode", () -> ReaderLoops.readDecodeKey(file).packets());
        loops.put("source", () -> sourceIntoNothing(file));
        loops.put("publisher", () -> publishIntoNothing(file, () -> PacketPublisher.PublishListener.NONE));
        loops.put("metrics", () -> publishIntoNothing(file, BenchMain::prometheusMetrics));
        for (Map.Entry<String, LongSupplier> e : loops.entrySet()) {
            if (!e.getKey().equals("read") && !e.getKey().equals("decode")) {
                LOG.line("warm-up " + e.getKey() + " ...");
                counted.check(e.getValue().getAsLong(), e.getKey());
            }
        }
        Map<String, Series> inProcess = new LinkedHashMap<>();
        loops.keySet().forEach(k -> inProcess.put(k, new Series()));
        for (int i = 0; i < options.runs(); i++) {
            for (Map.Entry<String, LongSupplier> e : loops.entrySet()) {
                quiet.await();
                double load = Machine.loadAverage();
                Machine.CpuSnapshot before = Machine.CpuSnapshot.take();
                long t0 = System.nanoTime();
                long n = e.getValue().getAsLong();
                double seconds = (System.nanoTime() - t0) / 1e9;
                double others = Machine.CpuSnapshot.take().othersCoresSince(before);
                counted.check(n, e.getKey());
                inProcess.get(e.getKey()).add(packets / seconds, load, others);
                LOG.line(String.format(Locale.ROOT, "in-process %-9s run %d: %,12.0f packets/s (load %.2f, others %.2f "
                        + "cores)", e.getKey(), i + 1, packets / seconds, load, others));
            }
        }

        List<ReadRow> readRows = new ArrayList<>();
        readRows.add(new ReadRow("`tcpdump -r FILE -w /dev/null`", "whole process", tcpdumpW, false));
        readRows.add(new ReadRow("Trawl reader: `CaptureFileReader.next` loop", "in-process", inProcess.get("read"), true));
        readRows.add(new ReadRow("Trawl reader + `PacketDecoder.decode` + `FlowKey.encode`", "in-process",
                inProcess.get("decode"), true));
        readRows.add(new ReadRow("Trawl reader: `java ReaderMain FILE read`", "whole process", procRead, false));
        readRows.add(new ReadRow("Trawl reader + decode + key: `java ReaderMain FILE decode`", "whole process",
                procDecode, false));
        readRows.add(new ReadRow("`CaptureFileSource` into a no-op sink", "in-process", inProcess.get("source"), true));
        readRows.add(new ReadRow("`CaptureRun`: source, `PacketPublisher` (listener NONE), discarding producer",
                "in-process", inProcess.get("publisher"), true));
        readRows.add(new ReadRow("same, listener `CaptureMetrics` on a Prometheus registry (as in the service)",
                "in-process", inProcess.get("metrics"), true));
        if (!options.skipTcpdumpPrint()) {
            readRows.add(new ReadRow("`tcpdump -n -r FILE > /dev/null` (decodes and prints: not like-for-like)",
                    "whole process", tcpdumpP, false));
        }

        // --- Kafka -------------------------------------------------------------------------------------------
        Map<KafkaBench.ProducerSetting, List<KafkaBench.Run>> kafkaRuns = new LinkedHashMap<>();
        String kafkaVersion = AppInfoParser.getVersion();
        if (!options.skipKafka()) {
            LOG.line("starting the embedded Kafka broker ...");
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().defaultPartitions(KafkaBench.PARTITIONS)
                    // delete a finished run's topic files soon, so that runs do not pile up on disk
                    .property("log.segment.delete.delay.ms", "1000")
                    .start()) {
                KafkaBench bench = new KafkaBench(broker, file, packets, options.awaitWritable());
                LOG.line("Kafka warm-up round, each setting once (not counted) ...");
                for (KafkaBench.ProducerSetting s : options.settings()) {
                    settle();
                    LOG.line("warm-up  " + KafkaBench.describe(bench.runOnce(s)));
                }
                options.settings().forEach(s -> kafkaRuns.put(s, new ArrayList<>()));
                List<KafkaBench.ProducerSetting> order = new ArrayList<>(options.settings());
                for (int round = 0; round < options.kafkaRounds(); round++) {
                    for (int j = 0; j < order.size(); j++) {
                        // rotate the order each round so that no setting always runs first or last
                        KafkaBench.ProducerSetting s = order.get((j + round) % order.size());
                        settle();
                        KafkaBench.Run r = bench.runOnce(s);
                        kafkaRuns.get(s).add(r);
                        LOG.line(String.format(Locale.ROOT, "round %d  %s", round + 1, KafkaBench.describe(r)));
                    }
                }
            }
        }

        return report(started, loadAtStart, jvmStart, readRows, tcpdumpW, kafkaRuns, kafkaVersion);
    }

    // --- measurements ---------------------------------------------------------------------------------------

    record Timed(double seconds, String stdout) {
    }

    private void measureProcess(Series into, String name, List<String> command, long expectPackets) throws Exception {
        quiet.await();
        double load = Machine.loadAverage();
        Machine.CpuSnapshot before = Machine.CpuSnapshot.take();
        Timed t = timeProcess(command, expectPackets >= 0);
        double others = Machine.CpuSnapshot.take().othersCoresSince(before);
        if (expectPackets >= 0) {
            long seen = Long.parseLong(t.stdout().replaceAll("(?s).*packets=(\\d+).*", "$1"));
            counted.check(seen, name);
        }
        into.add(packets / t.seconds(), load, others);
        LOG.line(String.format(Locale.ROOT, "process %-26s %6.3f s  %,12.0f packets/s (load %.2f, others %.2f cores)",
                name, t.seconds(), packets / t.seconds(), load, others));
    }

    /** Wall-clock time from spawning the process to its exit. */
    private static Timed timeProcess(List<String> command, boolean captureStdout) throws Exception {
        File err = File.createTempFile("trawl-bench", ".err");
        File out = captureStdout ? File.createTempFile("trawl-bench", ".out") : null;
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectError(err)
                    .redirectOutput(captureStdout ? ProcessBuilder.Redirect.to(out) : ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took more than 10 minutes");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + Files.readString(err.toPath()));
            }
            return new Timed(seconds, captureStdout ? Files.readString(out.toPath()) : "");
        } finally {
            err.delete();
            if (out != null) {
                out.delete();
            }
        }
    }

    /** The command for a child JVM running {@link ReaderMain}, with only the Trawl jars it needs. */
    private static List<String> childJava() {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> {
                    String name = Path.of(e).getFileName().toString();
                    return name.startsWith("trawl-") || name.equals("classes");
                })
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin);
        cmd.addAll(TRAWL_JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ReaderMain.class.getName());
        return cmd;
    }

    private long sourceIntoNothing(Path file) {
        long[] n = new long[2];
        try {
            new CaptureFileSource(file, 0, false, false).run((ts, link, orig, data, off, len, iface) -> {
                n[0]++;
                n[1] += ts + data[off];
            });
        } catch (CaptureException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return n[0];
    }

    private long publishIntoNothing(Path file, Supplier<PacketPublisher.PublishListener> listener) {
        DiscardingProducer producer = new DiscardingProducer();
        PacketPublisher publisher = new PacketPublisher(producer, "bench.packets", "bench", listener.get());
        CaptureSummary s = new CaptureRun(new CaptureFileSource(file, 0, false, false), publisher).run();
        if (!s.succeeded() || producer.records() != s.packets()) {
            throw new IllegalStateException("publishing into nothing failed: " + s.error());
        }
        return s.packets();
    }

    private static PacketPublisher.PublishListener prometheusMetrics() {
        return new CaptureMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                new CaptureFileSource(Path.of("unused"), 0, false, false));
    }

    /** A short pause between Kafka runs, for the previous topic's deletion and the page cache to settle. */
    private void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(2_500);
        quiet.await();
    }


    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    // --- the report -----------------------------------------------------------------------------------------

    private String report(String started, double loadAtStart, Series jvmStart, List<ReadRow> readRows,
                          Series tcpdumpW, Map<KafkaBench.ProducerSetting, List<KafkaBench.Run>> kafkaRuns,
                          String kafkaVersion) throws IOException {
        Path file = options.file();
        double bytesPerPacket = packetBytes / (double) packets;
        double tcpdumpMedian = tcpdumpW.median();
        StringBuilder s = new StringBuilder();
        s.append("# Trawl benchmark: `").append(file.getFileName()).append("`\n\n");
        s.append(String.format(Locale.ROOT,
                "Measured %s on %s, %d cores, %d GiB; %s; %s; Kafka %s (embedded broker in the same JVM). "
                        + "Load average (1 min) at start: %.2f.%n%n",
                started, Machine.cpuModel(), Machine.cores(), Machine.memoryGiB(), Machine.javaVersion(),
                Machine.firstLine(List.of(InstalledTools.which("tcpdump", "tcpdump"), "--version")), kafkaVersion,
                loadAtStart));
        s.append(String.format(Locale.ROOT,
                "Capture: `%s`: %,d packets, %,d bytes of packet data (%.0f bytes per packet on average), file %,d bytes.%n%n",
                file, packets, packetBytes, bytesPerPacket, Files.size(file)));
        s.append(quiet.reportParagraph());

        s.append("## Reading the file\n\n");
        s.append(String.format(Locale.ROOT,
                "Headline: in-process rows, best of %d timed runs after a warm-up pass; whole-process rows, median "
                        + "wall clock of %d runs from spawn to exit (JVM start included). MB/s counts packet bytes. "
                        + "The ratio is the row's headline over tcpdump's median. *Others' CPU* is the CPU that processes other "
                        + "than the harness and the process under test used during a run (from /proc; steal "
                        + "included), in cores of the %d: it tells whether someone else's work shared the machine.%n%n",
                options.runs(), options.processRuns(), Machine.cores()));
        MarkdownTable t = new MarkdownTable("What", "Kind", ">Runs", ">Packets/s (headline)", ">Median packets/s",
                ">Min – max packets/s", ">MB/s (headline)", ">÷ tcpdump", ">Load avg 1m", ">Others' CPU, cores");
        for (ReadRow r : readRows) {
            double h = r.headline();
            t.row(r.what(), r.kind() + (r.headlineIsBest() ? ", best" : ", median"), r.series().count(), count(h),
                    count(r.series().median()), range(r.series().min(), r.series().max()),
                    oneDecimal(h * bytesPerPacket / 1e6), ratio(h / tcpdumpMedian),
                    loadRange(r.series().minLoad(), r.series().maxLoad()),
                    others(r.series()));
        }
        s.append(t.render()).append('\n');
        s.append(String.format(Locale.ROOT,
                "A JVM that starts and exits without reading (`java ReaderMain --none`): median %.0f ms "
                        + "(%.0f – %.0f ms, %d runs).%n%n",
                jvmStart.median() * 1000, jvmStart.min() * 1000, jvmStart.max() * 1000, jvmStart.count()));

        if (!kafkaRuns.isEmpty()) {
            s.append("## pcap file → Kafka\n\n");
            s.append(String.format(Locale.ROOT,
                    "`CaptureRun` over `CaptureFileSource` into `PacketPublisher` with the producer of "
                            + "`PacketProducerFactory` (idempotent, acks=all), a fresh %d-partition topic per run, "
                            + "into a real broker in the same JVM on the same 2 cores. Time from the first packet read "
                            + "to the end of the final flush. MB/s counts packet bytes; the records carry a little "
                            + "more (record header, key). %d rounds, the order of settings rotated each round, after "
                            + "an uncounted warm-up round of every setting. *Cores used* is the JVM's CPU time (capture thread, producer "
                            + "and broker) over wall time. *Stored* is the topic's log segments on the broker over "
                            + "the packet bytes.%n%n",
                    KafkaBench.PARTITIONS, options.kafkaRounds()));
            MarkdownTable k = new MarkdownTable("Compression", ">Linger ms", ">Batch KiB", ">Runs",
                    ">Median records/s", ">Min – max records/s", ">Median MB/s", ">÷ tcpdump", ">Cores used",
                    ">Stored ÷ packet bytes", ">Load avg 1m", ">Others' CPU, cores");
            KafkaBench.ProducerSetting best = null;
            double bestMedian = -1;
            for (Map.Entry<KafkaBench.ProducerSetting, List<KafkaBench.Run>> e : kafkaRuns.entrySet()) {
                KafkaBench.ProducerSetting ps = e.getKey();
                Series rate = new Series();
                List<Double> mbs = new ArrayList<>();
                List<Double> cores = new ArrayList<>();
                List<Double> stored = new ArrayList<>();
                for (KafkaBench.Run r : e.getValue()) {
                    rate.add(r.recordsPerSecond(), r.loadAverage(), r.othersCores());
                    mbs.add(r.capturedMegabytesPerSecond());
                    cores.add(r.coresUsed());
                    stored.add(r.storedBytes() / (double) r.summary().bytes());
                }
                String marker = ps.equals(CHOSEN_DEFAULT) ? " (default)" : "";
                k.row(ps.compression() + marker, ps.lingerMs(), ps.batchBytes() / 1024, rate.count(),
                        count(rate.median()), range(rate.min(), rate.max()), oneDecimal(Series.median(mbs)),
                        ratio(rate.median() / tcpdumpMedian), twoDecimals(Series.median(cores)),
                        twoDecimals(Series.median(stored)), loadRange(rate.minLoad(), rate.maxLoad()),
                        others(rate));
                if (rate.median() > bestMedian) {
                    bestMedian = rate.median();
                    best = ps;
                }
            }
            s.append(k.render()).append('\n');
            s.append(String.format(Locale.ROOT,
                    "Beside it, on the same file in the same run: `tcpdump -r FILE -w /dev/null` median %s packets/s "
                            + "(%s MB/s).%n%n",
                    count(tcpdumpMedian), oneDecimal(tcpdumpMedian * bytesPerPacket / 1e6)));
            List<KafkaBench.Run> chosen = kafkaRuns.get(CHOSEN_DEFAULT);
            if (best != null && chosen != null && !chosen.isEmpty()) {
                Series c = new Series();
                chosen.forEach(r -> c.add(r.recordsPerSecond(), r.loadAverage()));
                if (best.equals(CHOSEN_DEFAULT)) {
                    s.append(String.format(Locale.ROOT,
                            "The default (lz4, linger 20 ms, batch 256 KiB) has the fastest median: %s records/s.%n%n",
                            count(bestMedian)));
                } else {
                    s.append(String.format(Locale.ROOT,
                            "Fastest median: %s, linger %d ms, batch %d KiB at %s records/s; the default (lz4, "
                                    + "linger 20 ms, batch 256 KiB) at %s records/s is %.1f%% below it.%n%n",
                            best.compression(), best.lingerMs(), best.batchBytes() / 1024, count(bestMedian),
                            count(c.median()), 100 * (1 - c.median() / bestMedian)));
                }
            }
            s.append("Every run, records/s:\n\n");
            for (Map.Entry<KafkaBench.ProducerSetting, List<KafkaBench.Run>> e : kafkaRuns.entrySet()) {
                s.append("- ").append(e.getKey().label()).append(": ").append(e.getValue().stream()
                        .map(r -> count(r.recordsPerSecond())).collect(Collectors.joining(", "))).append('\n');
            }
            s.append('\n');
        }
        s.append("Every run of the reading table, packets/s:\n\n");
        for (ReadRow r : readRows) {
            s.append("- ").append(r.what()).append(": ").append(r.series().values().stream()
                    .map(MarkdownTable::count).collect(Collectors.joining(", "))).append('\n');
        }
        return s.toString();
    }
}
