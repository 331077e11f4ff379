package io.trawl.script.runner;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.trawl.kafka.KafkaClientMeters;
import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobJson;
import io.trawl.model.job.JobResult;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptErrorListener;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.service.ScriptRunnerKafkaSettings;
import io.trawl.script.service.ScriptRunnerSettings;
import io.trawl.script.store.ScriptCatalog;
import io.trawl.script.store.ScriptChange;
import io.trawl.script.store.StoredScript;
import io.trawl.script.worker.ScriptWorkers;
import io.trawl.service.Threads;

/**
 * Runs the enabled scripts of the catalog on {@code trawl.items}, and on {@code trawl.packets} while one of them
 * defines {@code onPacketCaptured}.
 *
 * <p>Every change read from {@code trawl.scripts} reaches the workers in topic order: an enabled script is
 * loaded (again, when its version changed), a disabled or deleted one unloaded. Items keep flowing meanwhile.
 * A script failing repeatedly is disabled through the store, for every replica, by a single background thread
 * so that no worker waits on Kafka.
 */
public final class ScriptRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScriptRunner.class);
    /** How long stop() waits for each feed thread to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** A fire event older than this when it arrives is not run: its moment has passed. */
    static final Duration STALE_FIRE = Duration.ofMinutes(1);

    private final ScriptRunnerSettings settings;
    private final ScriptRunnerKafkaSettings kafka;
    private final ScriptCatalog catalog;
    private final HostFactory hosts;
    private final ScriptErrorListener errorSink;
    private final ScriptDisabler disabler;
    private final RunnerMetrics metrics;
    private final Consumer<String> forget;
    private final Consumer<String> dropJobs;
    private final Consumer<JobResult> jobResults;
    /** The node named in each job result: resolved once, as the helpers' is. */
    private final String node;
    private final PendingActions actions;
    /** Which version of each script the workers hold. */
    private final Map<String, Integer> loaded = new ConcurrentHashMap<>();
    private final Map<String, Boolean> disabling = new ConcurrentHashMap<>();
    private final ExecutorService disables = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("trawl-script-disabler").daemon().unstarted(r));
    private FailureTracker failures;
    private KafkaClientMeters clientMeters;
    private ScriptWorkers workers;
    private TopicFeed items;
    private TopicFeed packets;
    private TopicFeed jobs;
    private Thread jobThread;
    private Thread itemThread;
    private Thread packetThread;
    private volatile boolean running;

    /**
     * @param hosts     makes each worker's host
     * @param errorSink where errors go besides the runner's metrics and failure tracking (the console log)
     * @param forget    drops what this replica keeps of a deleted script (its meters, its console lines)
     * @param dropJobs  removes the jobs a script registered, before a new version registers its own
     * @param jobResults told how each fire event this replica ran ended, on a worker thread
     * @param actions   the actions the hooks published: every feed waits for their acknowledgement before it
     *                  commits
     */
    public ScriptRunner(ScriptRunnerSettings settings, ScriptRunnerKafkaSettings kafka, ScriptCatalog catalog,
                        HostFactory hosts, ScriptErrorListener errorSink,
                        ScriptDisabler disabler, RunnerMetrics metrics, Consumer<String> forget,
                        Consumer<String> dropJobs, Consumer<JobResult> jobResults, PendingActions actions) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.errorSink = Objects.requireNonNull(errorSink, "errorSink");
        this.disabler = Objects.requireNonNull(disabler, "disabler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.forget = Objects.requireNonNull(forget, "forget");
        this.dropJobs = Objects.requireNonNull(dropJobs, "dropJobs");
        this.jobResults = Objects.requireNonNull(jobResults, "jobResults");
        this.node = settings.resolvedNodeName();
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /** Every error of every script: counted, tracked for disabling, passed on. Called on worker threads. */
    public void error(ScriptError error) {
        metrics.error(error);
        failures.record(error);
        errorSink.error(error);
    }

    @Override
    public void start() {
        failures = new FailureTracker(settings.disableAfterErrors(), settings.errorWindow(), this::disableLater,
                System::nanoTime);
        workers = new ScriptWorkers(settings.workers(), settings.queueCapacity(),
                watchdog -> hosts.create(watchdog, this::error), this::error);
        running = true;
        clientMeters = new KafkaClientMeters(metrics.registry());
        catalog.subscribe(this::apply);
        items = new TopicFeed("items", consumer("items"), kafka.topics().items(), workers::submit,
                this::ran, () -> true, false);
        packets = new TopicFeed("packets", consumer("packets"), kafka.topics().packets(), workers::submitPacket,
                this::ran, () -> workers.anyDefines(ScriptHost.PACKET_HOOK), true);
        jobs = new TopicFeed("jobs", consumer("jobs"), kafka.topics().jobsFired(), this::fired, this::ran,
                () -> true, false);
        itemThread = Thread.ofPlatform().name("trawl-script-items").start(items);
        jobThread = Thread.ofPlatform().name("trawl-script-jobs").start(jobs);
        packetThread = Thread.ofPlatform().name("trawl-script-packets").start(packets);
        registerMeters();
    }

    /**
     * What a feed waits for before it commits: the workers have run what it handed on, and the actions that caused
     * are on {@code trawl.actions}.
     */
    private void ran() throws InterruptedException {
        workers.flush();
        actions.awaitAcknowledged();
    }

    private void apply(ScriptChange change) {
        if (!running) {
            return;
        }
        try {
            StoredScript script = change.script();
            if (script == null || !script.enabled()) {
                if (loaded.remove(change.name()) != null) {
                    dropJobs.accept(change.name());
                    workers.unload(change.name());
                    log.info("Script {} {}", change.name(), script == null ? "deleted" : "disabled");
                }
                failures.forget(change.name());
                if (script == null) {
                    disabling.remove(change.name());
                    metrics.forget(change.name());
                    forget.accept(change.name());
                }
                // A disabled script stays in `disabling` until it is enabled again: items still queued when it
                // was disabled may fail once more, and must not disable it a second time.
                return;
            }
            int version = script.current().version();
            Integer before = loaded.put(script.name(), version);
            if (before == null || before != version) {
                dropJobs.accept(script.name());
                workers.load(script.name(), version, script.current().source());
                log.info("Script {} version {} loaded", script.name(), version);
            }
            disabling.remove(change.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // The workers closed while this change was read: the service is stopping.
        }
    }

    /** A fire event: the job runs on every worker of this replica (one replica gets each event). */
    private void fired(byte[] key, byte[] value) throws InterruptedException {
        JobFired fired;
        try {
            fired = JobJson.decodeFired(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            log.warn("Skipped a record of {} that is not a fire event: {}", kafka.topics().jobsFired(), e.getMessage());
            return;
        }
        long late = System.currentTimeMillis() - fired.firedTime();
        if (late > STALE_FIRE.toMillis()) {
            log.warn("Skipped job {} fired {} s ago: a tick that late is not run (the next one will be)",
                    fired.key(), late / 1000);
            return;
        }
        long started = System.currentTimeMillis();
        workers.runJob(fired.script(), fired.tag()).thenAccept(outcome -> jobResults.accept(new JobResult(
                fired.script(), fired.tag(), fired.scheduledTime(), fired.run(), fired.manual(), outcome.passed(),
                outcome.error(), started, outcome.nanos() / 1_000_000, node)));
    }

    private void disableLater(String script, String reason) {
        if (disabling.putIfAbsent(script, Boolean.TRUE) != null) {
            return;
        }
        metrics.disabled(script);
        log.warn("Disabling script {}: {}", script, reason);
        disables.execute(() -> {
            try {
                disabler.disable(script, reason);
            } catch (RuntimeException e) {
                disabling.remove(script);
                log.error("Could not disable script {}: {}", script, e.getMessage());
            }
        });
    }

    private KafkaConsumer<byte[], byte[]> consumer(String feed) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId() + "-" + feed);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "trawl-script-runner-" + feed);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Items and fire events from the start of what is retained (a fire too old to run is skipped, see fired);
        // packets only from now.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "packets".equals(feed) ? "latest" : "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        // The topics belong to the capture and dissector services and may appear after the runner starts.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        return clientMeters.bind(new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    private void registerMeters() {
        var registry = metrics.registry();
        FunctionCounter.builder("trawl.script.records", items, TopicFeed::records)
                .description("Records handed to the scripts").tag("topic", "items").register(registry);
        FunctionCounter.builder("trawl.script.records", packets, TopicFeed::records)
                .description("Records handed to the scripts").tag("topic", "packets").register(registry);
        Gauge.builder("trawl.script.loaded", loaded, Map::size)
                .description("Enabled scripts loaded in this replica").register(registry);
        Gauge.builder("trawl.script.packets.subscribed", packets, feed -> feed.subscribed() ? 1 : 0)
                .description("1 while this replica reads trawl.packets for onPacketCaptured").register(registry);
    }

    /** The hooks each loaded script defines, as the workers found them. */
    public Map<String, Set<String>> hooks() {
        return workers == null ? Map.of() : workers.hooks();
    }

    /** Whether this replica currently reads {@code trawl.packets}. */
    public boolean readingPackets() {
        return packets != null && packets.subscribed();
    }

    /** The first feed failure, or null while both run. */
    public Exception failure() {
        if (items == null) {
            return null;
        }
        return items.failure() != null ? items.failure()
                : packets.failure() != null ? packets.failure() : jobs.failure();
    }

    @Override
    public void stop() {
        if (items != null) {
            items.stop();
            packets.stop();
            jobs.stop();
            Threads.join(itemThread, STOP_WAIT);
            Threads.join(packetThread, STOP_WAIT);
            Threads.join(jobThread, STOP_WAIT);
            clientMeters.close();
        }
        running = false;
        disables.shutdown();
        if (workers != null) {
            try {
                workers.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
