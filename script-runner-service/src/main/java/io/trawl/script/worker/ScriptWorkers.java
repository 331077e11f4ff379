package io.trawl.script.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import io.trawl.model.packet.PacketRecord;
import io.trawl.model.packet.PacketRecordCodec;
import io.trawl.model.packet.PacketRecordFormatException;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.host.JobOutcome;
import io.trawl.script.host.ScriptBudget;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptErrorListener;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptOutput;
import io.trawl.script.host.ScriptWatchdog;
import io.trawl.script.item.ItemView;
import io.trawl.script.packet.PacketInfo;

/**
 * A fixed set of worker threads, each with its own {@link ScriptHost} holding every script, fed through
 * bounded queues. An item or packet goes to the worker chosen by a stable hash of its key (the Kafka flow key),
 * so all items and packets of one flow run on the same thread, in submission order, against the same globals.
 *
 * <p>What a script can rely on: a global it keeps sees every item of a flow, in order, as long as the
 * worker count does not change; it does not see items of flows routed to other workers, so a per-flow
 * history is consistent but a global total is per worker. See {@link ScriptHost} for when globals reset.
 *
 * <p>Scripts change while items flow: {@link #load} and {@link #unload} go through every worker's queue, so
 * each worker switches between two items, and items submitted after the call see the new script.
 *
 * <p>{@link #submit} blocks while the chosen worker's queue is full: back-pressure for the consumer.
 * {@link #flush()} waits until everything submitted before it has run: what a consumer does before it commits.
 * Item JSON or a packet record that does not parse becomes an {@link ScriptError.Kind#INTERNAL} error for
 * script {@code "-"}.
 */
public final class ScriptWorkers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ScriptWorkers.class.getName());
    private static final Runnable STOP = () -> { };

    private final ScriptWatchdog watchdog = new ScriptWatchdog();
    private final List<Worker> workers = new ArrayList<>();
    private final ScriptErrorListener errors;
    /** Hooks of each loaded script, as the first worker found them. */
    private final Map<String, Set<String>> hooks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Starts {@code threads} workers, each with the host {@code hosts} makes for it on its own thread, holding
     * no script until {@link #load} is called.
     */
    public ScriptWorkers(int threads, int queueCapacity, Function<ScriptWatchdog, ScriptHost> hosts,
                         ScriptErrorListener errors) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
        Objects.requireNonNull(hosts, "hosts");
        this.errors = Objects.requireNonNull(errors, "errors");
        for (int i = 0; i < threads; i++) {
            var worker = new Worker(new ArrayBlockingQueue<>(queueCapacity), () -> hosts.apply(watchdog));
            worker.thread = Thread.ofPlatform().name("trawl-script-worker-" + i).start(worker::run);
            workers.add(worker);
        }
    }

    /**
     * Starts {@code threads} workers with console-only hosts, each loading {@code scripts} (name to source, in
     * order) before taking items. A script refused by a worker is reported to {@code errors} by that worker.
     */
    public ScriptWorkers(int threads, int queueCapacity, JsRuntime runtime, ScriptBudget budget,
                         Map<String, String> scripts, ScriptOutput output, ScriptErrorListener errors) {
        this(threads, queueCapacity, watchdog -> new ScriptHost(runtime, budget, watchdog, output, errors), errors);
        Objects.requireNonNull(runtime, "runtime");
        try {
            for (Map.Entry<String, String> script : scripts.entrySet()) {
                load(script.getKey(), script.getValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading scripts", e);
        }
    }

    /** Number of worker threads. */
    public int size() {
        return workers.size();
    }

    /** The worker that items with this key go to: stable for a given key and worker count. */
    public int workerOf(byte[] key) {
        int hash = Arrays.hashCode(Objects.requireNonNull(key, "key"));
        hash ^= hash >>> 16;
        return Math.floorMod(hash, workers.size());
    }

    /**
     * Loads (or replaces) a script on every worker, after what is already queued. A script that fails to load is
     * reported to the error listener by each worker and is not loaded there.
     */
    public void load(String name, String source) throws InterruptedException {
        load(name, 0, source);
    }

    /** As {@link #load(String, String)}, for version {@code version} of a stored script. */
    public void load(String name, int version, String source) throws InterruptedException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            boolean first = i == 0;
            enqueue(worker, () -> {
                boolean loaded = worker.host.load(name, version, source).isEmpty();
                if (first) {
                    if (loaded) {
                        hooks.put(name, Set.copyOf(worker.host.hooks(name)));
                    } else {
                        hooks.remove(name);
                    }
                }
            });
        }
    }

    /** Drops a script from every worker, after what is already queued. */
    public void unload(String name) throws InterruptedException {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            boolean first = i == 0;
            enqueue(worker, () -> {
                worker.host.unload(name);
                if (first) {
                    hooks.remove(name);
                }
            });
        }
    }

    /**
     * Whether some loaded script defines {@code hook}, as far as the loads and unloads that have run tell (the
     * first worker's, which records the hooks in queue order).
     */
    public boolean anyDefines(String hook) {
        return hooks.values().stream().anyMatch(defined -> defined.contains(hook));
    }

    /** The hooks each loaded script defines. */
    public Map<String, Set<String>> hooks() {
        return Map.copyOf(hooks);
    }

    /** Queues item JSON for {@code onItemCaptured}; on the worker, one {@link ItemView} of it goes to all scripts. */
    public void submit(byte[] key, byte[] itemJson) throws InterruptedException {
        Objects.requireNonNull(itemJson, "itemJson");
        Worker worker = workers.get(workerOf(key));
        enqueue(worker, () -> {
            ItemView data;
            try {
                data = ItemView.parse(itemJson);
            } catch (IllegalArgumentException e) {
                errors.error(new ScriptError("-", ScriptError.Kind.INTERNAL, ScriptHost.ITEM_HOOK,
                        e.getMessage(), 0, 0));
                return;
            }
            worker.host.onItemCaptured(data);
        });
    }

    /** Queues an item for {@code onItemCaptured}, as its JSON. */
    public void submit(byte[] key, Item item) throws InterruptedException {
        submit(key, ItemJson.toBytes(item));
    }

    /** Queues an encoded packet record for {@code onPacketCaptured}; it is decoded on the worker. */
    public void submitPacket(byte[] key, byte[] packetRecord) throws InterruptedException {
        Objects.requireNonNull(packetRecord, "packetRecord");
        Worker worker = workers.get(workerOf(key));
        enqueue(worker, () -> {
            PacketRecord packet;
            try {
                packet = PacketRecordCodec.decode(packetRecord);
            } catch (PacketRecordFormatException e) {
                errors.error(new ScriptError("-", ScriptError.Kind.INTERNAL, ScriptHost.PACKET_HOOK,
                        "not a packet record: " + e.getMessage(), 0, 0));
                return;
            }
            worker.host.onPacketCaptured(PacketInfo.of(packet));
        });
    }

    /**
     * Runs a fired job on every worker: each worker's context of the script scheduled it and keeps its own
     * globals, so each reports on the flows it saw (see docs/scripting.md, "Jobs").
     *
     * @return completes once every worker has run it: passed when each did, else with the first error
     */
    public CompletableFuture<JobOutcome> runJob(String script, String tag) throws InterruptedException {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(tag, "tag");
        List<CompletableFuture<JobOutcome>> runs = new ArrayList<>(workers.size());
        for (Worker worker : workers) {
            var run = new CompletableFuture<JobOutcome>();
            runs.add(run);
            enqueue(worker, () -> {
                try {
                    run.complete(worker.host.runJob(script, tag));
                } catch (RuntimeException e) {
                    run.complete(JobOutcome.failed(e.toString(), 0));
                    throw e;
                }
            });
        }
        CompletableFuture<JobOutcome> all = runs.getFirst();
        for (CompletableFuture<JobOutcome> run : runs.subList(1, runs.size())) {
            all = all.thenCombine(run, JobOutcome::and);
        }
        return all;
    }

    /** Waits until every worker has run everything queued before this call. */
    public void flush() throws InterruptedException {
        var done = new CountDownLatch(workers.size());
        for (Worker worker : workers) {
            enqueue(worker, done::countDown);
        }
        done.await();
    }

    private void enqueue(Worker worker, Runnable task) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("script workers are closed");
        }
        worker.queue.put(task);
    }

    /** Lets every worker finish what is queued, then stops the workers and closes their scripts. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker worker : workers) {
            worker.queue.put(STOP);
        }
        for (Worker worker : workers) {
            worker.thread.join();
        }
        watchdog.close();
    }

    private static final class Worker {
        final BlockingQueue<Runnable> queue;
        final Supplier<ScriptHost> hosts;
        volatile ScriptHost host;
        Thread thread;

        Worker(BlockingQueue<Runnable> queue, Supplier<ScriptHost> hosts) {
            this.queue = queue;
            this.hosts = hosts;
        }

        void run() {
            try (ScriptHost own = hosts.get()) {
                host = own;
                for (Runnable task = queue.take(); task != STOP; task = queue.take()) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        // Only a failing output or error sink gets here; the worker must outlive it, or
                        // submitters would block on its full queue.
                        LOG.log(System.Logger.Level.WARNING, "script output or error sink failed", e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
