package io.trawl.launcher.local;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.trawl.capture.CaptureApplication;
import io.trawl.dissect.service.DissectorApplication;
import io.trawl.integrations.service.IntegrationsApplication;
import io.trawl.job.service.JobServiceApplication;
import io.trawl.script.host.ScriptError;
import io.trawl.script.service.ConsoleTap;
import io.trawl.script.service.ScriptRunnerApplication;
import io.trawl.service.NodeName;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trawl local}: the embedded default. Everything in this JVM, the example scripts on a bundled capture
 * replayed in a loop, the scripts' output on the console; Ctrl-C stops it all.
 */
@Command(name = "local", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run Trawl on this machine in one process: an embedded Kafka broker, capture, dissector and "
                + "script runner, with the example scripts on a bundled sample capture replayed in a loop.",
                "Prints where the API is, then the scripts' console output and a status line. Ctrl-C stops."})
public final class LocalCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--pcap", paramLabel = "FILE",
                description = "replay this pcap or pcapng file in a loop instead of the bundled sample")
        Path pcap;

        @Option(names = "--interface", paramLabel = "IF", description = "capture this network interface live")
        String iface;
    }

    @ArgGroup(multiplicity = "0..1")
    Source source;

    @Option(names = "--filter", paramLabel = "BPF", defaultValue = "",
            description = "BPF filter for --interface, in tcpdump syntax")
    String filter;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N",
            description = "replay pace: 1 as recorded (default), 2 twice as fast, 0 as fast as possible")
    double speed;

    @Option(names = "--scripts", paramLabel = "DIR", description = "load the .js files of DIR instead of the examples")
    Path scripts;

    @Option(names = "--port", defaultValue = "8080",
            description = "the scripts API's port (default: ${DEFAULT-VALUE}); capture, dissector, jobs and "
                    + "integrations use the next four")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN", description = "the API's editor token; default: a new one per run")
    String token;

    @Option(names = "--env", paramLabel = "KEY=VALUE",
            description = "a value scripts read as env.KEY (repeatable), e.g. --env ALERT_WEBHOOK_URL=https://...; "
                    + "keys with TOKEN, SECRET, KEY, WEBHOOK, ... in their name are masked in script output")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = ".trawl/evidence",
            description = "the append-only directory PCAP snapshots are stored in (default: ${DEFAULT-VALUE})")
    Path evidence;

    @Option(names = "--address", defaultValue = "127.0.0.1",
            description = "address the APIs listen on (default: ${DEFAULT-VALUE}, loopback only)")
    String address;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        long start = System.nanoTime();
        String apiToken = token == null || token.isBlank() ? LocalTrawl.newToken() : token;
        Path pcap = source == null ? Bundled.sampleCapture(Files.createTempDirectory("trawl-local-"))
                : source.pcap;
        Map<String, String> sources = scripts == null ? Bundled.exampleScripts() : Bundled.scriptsIn(scripts);
        out.println("Starting Trawl: embedded Kafka, script runner, dissector, capture, then jobs and integrations ...");

        var running = new AtomicReference<LocalTrawl>();
        var status = new StatusLine(out, System.console() != null, List.of(
                rate(running, "packets", CaptureApplication.class, "trawl.capture.packets"),
                rate(running, "items", DissectorApplication.class, "trawl.dissector.items"),
                rate(running, "hook calls", ScriptRunnerApplication.class, "trawl.script.hook.calls"),
                rate(running, "script errors", ScriptRunnerApplication.class, "trawl.script.errors")), 10);
        LocalTrawl local = LocalTrawl.start(new LocalTrawl.Options(source == null || source.iface == null ? pcap : null,
                source == null ? null : source.iface, filter, speed, true, sources, port, apiToken, address,
                NodeName.resolve(), env, evidence),
                new FirstOutput(new ConsolePrinter(out, status)));
        running.set(local);
        Duration startup = Duration.ofNanos(System.nanoTime() - start);
        banner(out, local, apiToken, pcap, startup);

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("trawl-status").daemon().unstarted(r));
        ticker.scheduleAtFixedRate(() -> status.update(System.nanoTime()), 0, 1, TimeUnit.SECONDS);

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("trawl-local-stop").unstarted(() -> {
            long stopping = System.nanoTime();
            ticker.shutdownNow();
            status.finish();
            out.println("Stopping Trawl ...");
            local.close();
            out.printf(Locale.ROOT, "Stopped in %.1f s.%n", (System.nanoTime() - stopping) / 1e9);
            out.flush();
            stopped.countDown();
        }));
        // job-service last, once the first items reach the hooks (or after 15 s): its start would otherwise take
        // CPU from the pipeline's first seconds on a small machine.
        long waitUntil = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (local.total(ScriptRunnerApplication.class, "trawl.script.hook.calls") == 0
                && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        local.startJobService();
        String jobs = "http://" + address + ":" + local.port(JobServiceApplication.class);
        status.above("Jobs: job-service started; jobs API " + jobs + "/api/v1/jobs (same token), metrics "
                + jobs + "/actuator/prometheus");
        local.startIntegrations();
        String integrations = "http://" + address + ":" + local.port(IntegrationsApplication.class);
        status.above("Actions: integrations-service started; snapshots API " + integrations
                + "/api/v1/snapshots (same token), evidence in " + evidence.toAbsolutePath());

        stopped.await();
        return 0;
    }

    private void banner(PrintStream out, LocalTrawl local, String apiToken, Path pcap, Duration startup) {
        String api = "http://" + address + ":" + local.port(ScriptRunnerApplication.class);
        out.printf(Locale.ROOT, "%nTrawl is running (started in %.1f s).%n", startup.toMillis() / 1000.0);
        out.println("  Scripts API  " + api + "/api/v1/scripts");
        out.println("  Swagger UI   " + api + "/swagger-ui.html");
        out.println("  API token    " + apiToken + (token == null ? "   (new for this run; --token fixes one)" : ""));
        out.println("  Metrics      " + api + "/actuator/prometheus (scripts), http://" + address + ":"
                + local.port(CaptureApplication.class) + "/actuator/prometheus (capture), http://" + address + ":"
                + local.port(DissectorApplication.class) + "/actuator/prometheus (dissector)");
        out.println("  Kafka        " + local.bootstrapServers() + " (embedded; gone when Trawl stops)");
        out.println("  Traffic      " + (source != null && source.iface != null
                ? "live from " + source.iface + (filter.isBlank() ? "" : " (" + filter + ")")
                : pcap.getFileName() + " in a loop" + (speed == 0 ? ", as fast as possible"
                        : speed == 1 ? " at the recorded pace" : " at " + speed + "x the recorded pace")));
        out.println("  Scripts      " + String.join(", ", local.scripts()));
        out.println();
        out.println("Try:  curl -H 'Authorization: Bearer " + apiToken + "' " + api + "/api/v1/scripts");
        out.println("Ctrl-C stops Trawl. The scripts' console output follows.");
        out.println();
        out.flush();
    }

    private static StatusLine.Rate rate(AtomicReference<LocalTrawl> running, String label, Class<?> service,
                                        String meter) {
        return new StatusLine.Rate(label, () -> {
            LocalTrawl local = running.get();
            return local == null ? 0 : local.total(service, meter);
        });
    }

    /** Passes console lines on, and says once how long after the JVM started the first one came. */
    private record FirstOutput(ConsoleTap.Listener next, AtomicBoolean first) implements ConsoleTap.Listener {

        FirstOutput(ConsoleTap.Listener next) {
            this(next, new AtomicBoolean(true));
        }

        @Override
        public void line(String script, Level level, String text) {
            noteFirst();
            next.line(script, level, text);
        }

        @Override
        public void error(ScriptError error) {
            noteFirst();
            next.error(error);
        }

        private void noteFirst() {
            if (first.compareAndSet(true, false)) {
                System.err.printf(Locale.ROOT, "(first script output %.1f s after the JVM started)%n",
                        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
            }
        }
    }
}
