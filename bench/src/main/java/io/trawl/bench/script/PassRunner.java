package io.trawl.bench.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

import io.trawl.script.engine.JsRuntime;
import io.trawl.script.host.ScriptBudget;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptWatchdog;
import io.trawl.script.worker.ScriptWorkers;

/**
 * One way of running every item of a pass through a hook: the harness calls {@link #item} for each item in
 * file order, then {@link #endPass}, and times the two together. The factories are the runners measured.
 */
interface PassRunner extends AutoCloseable {

    void item(byte[] key, byte[] itemJson) throws Exception;

    /** Returns when every item given so far has been handled (worker threads drained). */
    default void endPass() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }

    /** Script errors recorded by any runner: a benchmark with errors is void. */
    AtomicLong ERRORS = new AtomicLong();

    /**
     * A {@link ScriptHost} on the calling thread with the default {@link ScriptBudget}, as a worker runs it:
     * statement limit reset and wall-time watchdog armed for every call.
     */
    static PassRunner host(JsRuntime runtime, String source, Delivery delivery, Consumer<String> lines) {
        ScriptWatchdog watchdog = new ScriptWatchdog();
        ScriptHost host = new ScriptHost(runtime, ScriptBudget.defaults(), watchdog,
                (script, level, text) -> lines.accept(text), PassRunner::failed);
        // Loading is not measured; on a busy machine the top-level code can overrun the 200 ms wall-time limit.
        for (int attempt = 1; ; attempt++) {
            var failed = host.load("hook.js", delivery.wrap(source));
            if (failed.isEmpty()) {
                ERRORS.set(0);
                break;
            }
            if (failed.get().kind() != ScriptError.Kind.TIMEOUT || attempt == 5) {
                host.close();
                watchdog.close();
                throw new IllegalStateException("the script does not load: " + failed.get());
            }
        }
        return new PassRunner() {
            @Override
            public void item(byte[] key, byte[] itemJson) {
                host.onItemCaptured(delivery.argument(itemJson));
            }

            @Override
            public void close() {
                host.close();
                watchdog.close();
            }
        };
    }

    /**
     * The hook called directly on a context of the same sandbox ({@link JsRuntime#newContext()}), without
     * ScriptHost: no statement limit, no watchdog, the function looked up once. What the host's per-call
     * budget costs is the difference to {@link #host}.
     */
    static PassRunner bare(JsRuntime runtime, String source, Delivery delivery, Consumer<String> lines) {
        Context context = runtime.newContext();
        Value hook = load(context, source, delivery, lines);
        return new PassRunner() {
            @Override
            public void item(byte[] key, byte[] itemJson) {
                call(hook, delivery.argument(itemJson));
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }

    /** Calls the hook with {@code data}, or with its elements when it is an {@code Object[]} of arguments. */
    private static void call(Value hook, Object data) {
        if (data instanceof Object[] arguments) {
            hook.executeVoid(arguments);
        } else {
            hook.executeVoid(data);
        }
    }

    /** Installs {@code console.log} (its arguments' strings joined by spaces), runs the script, returns the hook. */
    private static Value load(Context context, String source, Delivery delivery, Consumer<String> lines) {
        ProxyExecutable log = args -> {
            StringJoiner line = new StringJoiner(" ");
            for (Value a : args) {
                line.add(a.isString() ? a.asString() : a.toString());
            }
            lines.accept(line.toString());
            return null;
        };
        context.getBindings("js").putMember("console", ProxyObject.fromMap(Map.of("log", log)));
        context.eval(Source.newBuilder("js", delivery.wrap(source), "hook.js").buildLiteral());
        return context.getBindings("js").getMember(ScriptHost.ITEM_HOOK);
    }

    /**
     * {@link ScriptWorkers} with {@code threads} workers: items submitted by flow key from the calling thread,
     * handed to the scripts as {@code ItemView}s on the workers; a pass ends with {@code flush()}.
     */
    static PassRunner workers(JsRuntime runtime, String source, int threads, Consumer<String> lines) {
        ScriptWorkers workers = new ScriptWorkers(threads, 1024, runtime, ScriptBudget.defaults(),
                Map.of("hook.js", source), (script, level, text) -> lines.accept(text), PassRunner::failed);
        return new PassRunner() {
            @Override
            public void item(byte[] key, byte[] itemJson) throws InterruptedException {
                workers.submit(key, itemJson);
            }

            @Override
            public void endPass() throws InterruptedException {
                workers.flush();
            }

            @Override
            public void close() throws InterruptedException {
                workers.close();
            }
        };
    }

    /** Plain Java, on the calling thread. */
    static PassRunner java(Consumer<byte[]> perItem) {
        return (key, itemJson) -> perItem.accept(itemJson);
    }

    private static void failed(ScriptError error) {
        if (ERRORS.getAndIncrement() < 5) {
            System.err.println("script-bench: script error: " + error);
        }
    }

    /** Lines collected during a pass; thread-safe, as worker threads write them. */
    final class Lines implements Consumer<String> {
        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void accept(String line) {
            lines.add(line);
        }

        synchronized List<String> take() {
            List<String> all = List.copyOf(lines);
            lines.clear();
            return all;
        }
    }
}
