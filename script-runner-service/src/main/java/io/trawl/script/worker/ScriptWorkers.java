package io.trawl.script.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.host.ScriptBudget;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptErrorListener;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptOutput;
import io.trawl.script.host.ScriptWatchdog;
import io.trawl.script.item.ItemView;

/**
 * A fixed set of worker threads, each with its own {@link ScriptHost} holding every script, fed through
 * bounded queues. An item goes to the worker chosen by a stable hash of its key (the Kafka flow key), so
 * all items of one flow run on the same thread, in submission order, against the same script globals.
 *
 * <p>What a script can rely on: a global it keeps sees every item of a flow, in order, as long as the
 * worker count does not change; it does not see items of flows routed to other workers, so a per-flow
 * history is consistent but a global total is per worker. See {@link ScriptHost} for when globals reset.
 *
 * <p>{@link #submit} blocks while the chosen worker's queue is full: back-pressure for the consumer.
 * Item JSON that does not parse becomes an {@link ScriptError.Kind#INTERNAL} error for script {@code "-"}.
 */
public final class ScriptWorkers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ScriptWorkers.class.getName());
    private static final Runnable STOP = () -> { };

    private final ScriptWatchdog watchdog = new ScriptWatchdog();
    private final List<Worker> workers = new ArrayList<>();
    private final ScriptErrorListener errors;
    private volatile boolean closed;

    /**
     * Starts {@code threads} workers; each loads {@code scripts} (name to source, in order) on its own thread
     * before taking items. A script refused by a worker is reported to {@code errors} by that worker.
     */
    public ScriptWorkers(int threads, int queueCapacity, JsRuntime runtime, ScriptBudget budget,
                         Map<String, String> scripts, ScriptOutput output, ScriptErrorListener errors) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
        Objects.requireNonNull(runtime, "runtime");
        this.errors = Objects.requireNonNull(errors, "errors");
        var sources = new LinkedHashMap<>(scripts);
        for (int i = 0; i < threads; i++) {
            var worker = new Worker(new ArrayBlockingQueue<>(queueCapacity),
                    () -> new ScriptHost(runtime, budget, watchdog, output, errors), sources);
            worker.thread = Thread.ofPlatform().name("trawl-script-worker-" + i).start(worker::run);
            workers.add(worker);
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

    /** Queues item JSON for {@code onItemCaptured}; it is parsed once, on the worker, for all scripts. */
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
        final Map<String, String> sources;
        volatile ScriptHost host;
        Thread thread;

        Worker(BlockingQueue<Runnable> queue, Supplier<ScriptHost> hosts,
               Map<String, String> sources) {
            this.queue = queue;
            this.hosts = hosts;
            this.sources = sources;
        }

        void run() {
            try (ScriptHost own = hosts.get()) {
                host = own;
                sources.forEach(own::load);
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
