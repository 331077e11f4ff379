package io.trawl.launcher.local;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Timer;
import io.trawl.capture.CaptureApplication;
import io.trawl.dissect.service.DissectorApplication;
import io.trawl.integrations.service.IntegrationsApplication;
import io.trawl.job.service.JobServiceApplication;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.script.service.ConsoleTap;
import io.trawl.script.service.ScriptRunnerApplication;
import io.trawl.script.store.KafkaScriptStore;
import io.trawl.script.store.StoredScript;

/**
 * Trawl on one machine, in one JVM: a real embedded Kafka broker and the capture, dissector, script-runner, job
 * and integrations services, each a Spring Boot application of its own exactly as it runs deployed, given the
 * broker's address and its port as arguments. Only the broker and the starting of the parts are particular to
 * this mode.
 *
 * <p>Started in the order data flows backwards (scripts before items before packets), then jobs and integrations,
 * and stopped in the reverse order (integrations, then jobs, then capture first), so that each part drains into a
 * running one.
 */
final class LocalTrawl implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalTrawl.class.getName());

    /**
     * What to run. Exactly one of {@code pcap} and {@code iface} is set. {@code port} is the script runner's;
     * capture, dissector, job-service and integrations-service take the next four, or all five a free one when
     * it is 0. {@code env} is the scripts' env; {@code evidence}, when set, the directory snapshots are stored in.
     */
    record Options(Path pcap, String iface, String filter, double speed, boolean loop, Map<String, String> scripts,
                   int port, String token, String address, String node, Map<String, String> env, Path evidence) {
        Options {
            Objects.requireNonNull(scripts, "scripts");
            env = env == null ? Map.of() : Map.copyOf(env);
            if ((pcap == null) == (iface == null)) {
                throw new IllegalArgumentException("give either a capture file or an interface");
            }
        }
    }

    private final EmbeddedKafkaBroker broker;
    private final Map<Class<?>, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    private final Options options;

    private LocalTrawl(EmbeddedKafkaBroker broker, Options options) {
        this.broker = broker;
        this.options = options;
    }

    /** A token for the API when none is given: 24 random bytes, URL-safe. */
    static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Starts everything and loads the scripts. On failure, stops what had started and rethrows.
     *
     * @param tap receives every script's console line once the scripts run
     */
    static LocalTrawl start(Options options, ConsoleTap.Listener tap) {
        // Closed by close(), after the services: not by a shutdown hook of its own that would race the services' stop.
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().closeAtExit(false).start();
        var local = new LocalTrawl(broker, options);
        try {
            List<String> runnerArgs = new ArrayList<>(List.of("--trawl.api.editor-tokens=" + options.token(),
                    "--trawl.script.node-name=" + options.node()));
            runnerArgs.addAll(local.envArguments());
            ConfigurableApplicationContext runner = local.run(ScriptRunnerApplication.class, options.port(),
                    runnerArgs.toArray(String[]::new));
            runner.getBean(ConsoleTap.class).attach(tap);
            KafkaScriptStore store = runner.getBean(KafkaScriptStore.class);
            options.scripts().forEach((name, source) -> store.create(name, source, true));
            local.run(DissectorApplication.class, options.port() == 0 ? 0 : options.port() + 2,
                    "--trawl.dissector.consumers=1");
            local.run(CaptureApplication.class, options.port() == 0 ? 0 : options.port() + 1,
                    local.captureArguments());
            return local;
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    /**
     * Starts job-service. Separate from {@link #start}: it reads every registration from the compacted topic
     * whenever it comes, so the caller starts it once the pipeline runs, and its start does not delay the first
     * hook call. Locks and run counts go to an in-memory database (PostgreSQL when deployed).
     */
    void startJobService() {
        run(JobServiceApplication.class, options.port() == 0 ? 0 : options.port() + 3,
                "--spring.datasource.url=jdbc:h2:mem:trawl-jobs;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--trawl.api.editor-tokens=" + options.token());
    }

    /**
     * Starts integrations-service, like job-service once the pipeline runs: actions wait on {@code trawl.actions}
     * meanwhile. Evidence goes to an append-only directory; webhooks and Slack go out for real. It gets the same
     * env values as the runner, to resolve the references secret values become in actions.
     */
    void startIntegrations() {
        List<String> args = new ArrayList<>(List.of("--trawl.api.editor-tokens=" + options.token()));
        if (options.evidence() != null) {
            args.add("--trawl.integrations.evidence.directory=" + options.evidence().toAbsolutePath());
        }
        args.addAll(envArguments());
        run(IntegrationsApplication.class, options.port() == 0 ? 0 : options.port() + 4, args.toArray(String[]::new));
    }

    /** The scripts' env values, for the runner and integrations-service alike. */
    private List<String> envArguments() {
        return options.env().entrySet().stream()
                .map(e -> "--trawl.script.env." + e.getKey() + "=" + e.getValue()).toList();
    }

    private String[] captureArguments() {
        List<String> args = new ArrayList<>(List.of("--trawl.capture.node=" + options.node()));
        if (options.pcap() != null) {
            args.addAll(List.of("--trawl.capture.pcap=" + options.pcap().toAbsolutePath(),
                    "--trawl.capture.speed=" + options.speed(), "--trawl.capture.loop=" + options.loop(),
                    "--trawl.capture.retime=true", "--trawl.capture.exit-when-done=false"));
        } else {
            args.add("--trawl.capture.interface-name=" + options.iface());
            args.add("--trawl.capture.filter=" + options.filter());
        }
        return args.toArray(String[]::new);
    }

    private ConfigurableApplicationContext run(Class<?> application, int port, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=" + options.address(),
                "--trawl.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                // The node the packets are captured on, also on every meter.
                "--management.metrics.tags.node=" + options.node(),
                // The console shows the scripts' output; the services speak only when something is wrong.
                "--logging.level.io.trawl=WARN",
                // start-up chatter of one machine: OpenAPI enabled, topics that appear a moment later
                "--logging.level.org.springdoc=ERROR",
                "--logging.level.org.apache.kafka.clients.NetworkClient=ERROR",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(more));
        args.addAll(ServiceArguments.exclusions(application));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        synchronized (contexts) {
            contexts.put(application, context);
        }
        return context;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The port a service's web server listens on. */
    int port(Class<?> application) {
        return context(application).map(c -> ((WebServerApplicationContext) c).getWebServer().getPort()).orElse(-1);
    }

    /** The web port of every running service, by its application name: where Prometheus scrapes it. */
    Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        synchronized (contexts) {
            contexts.forEach((application, context) -> {
                if (context.isActive()) {
                    ports.put(context.getEnvironment().getRequiredProperty("spring.application.name"),
                            port(application));
                }
            });
        }
        return ports;
    }

    List<String> scripts() {
        return context(ScriptRunnerApplication.class).map(c -> c.getBean(KafkaScriptStore.class).all().stream()
                .map(StoredScript::name).toList()).orElse(List.of());
    }

    /**
     * The running total of every meter called {@code name} in one service's registry: counts of counters and
     * timers, values of anything else; 0 when there is none yet.
     */
    double total(Class<?> application, String name) {
        return context(application).map(c -> {
            double sum = 0;
            for (Meter meter : c.getBean(MeterRegistry.class).find(name).meters()) {
                sum += switch (meter) {
                    case Counter counter -> counter.count();
                    case FunctionCounter counter -> counter.count();
                    case Timer timer -> timer.count();
                    default -> {
                        double value = 0;
                        for (Measurement measurement : meter.measure()) {
                            value += measurement.getValue();
                        }
                        yield value;
                    }
                };
            }
            return sum;
        }).orElse(0.0);
    }

    private Optional<ConfigurableApplicationContext> context(Class<?> application) {
        synchronized (contexts) {
            return Optional.ofNullable(contexts.get(application)).filter(ConfigurableApplicationContext::isActive);
        }
    }

    /** Stops capture, then the dissector, then the script runner, then the broker. */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> reversed;
        synchronized (contexts) {
            reversed = new ArrayList<>(contexts.values());
        }
        Collections.reverse(reversed);
        for (ConfigurableApplicationContext context : reversed) {
            try {
                long started = System.nanoTime();
                context.close();
                LOG.log(System.Logger.Level.DEBUG, "stopped {0} in {1} ms", context.getId(),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                System.err.println("trawl local: stopping " + context.getId() + " failed: " + e.getMessage());
            }
        }
        contexts.clear();
        broker.close();
    }
}
