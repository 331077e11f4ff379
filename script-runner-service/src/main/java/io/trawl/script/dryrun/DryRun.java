package io.trawl.script.dryrun;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.HelperCall;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.SecretRedaction;
import io.trawl.script.helper.action.ActionLimits;
import io.trawl.script.helper.action.ActionPublisher;
import io.trawl.script.helper.action.ScriptActions;
import io.trawl.script.helper.job.JobRegistrar;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.host.ScriptBudget;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptWatchdog;
import io.trawl.script.item.ItemView;

/**
 * Runs a script, saved or not, against given items without any effect outside it: what the REST API's
 * {@code validate} and {@code test} and the CLI's {@code trawl script test} do. Each run gets a fresh
 * {@link ScriptHost}, on the calling thread, under the same budget as the service, with every helper
 * recording its calls instead of performing them; console lines, helper calls and errors come back with the
 * script's secret env values masked. Thread-safe: runs share only the engine and a watchdog timer.
 */
public final class DryRun implements AutoCloseable {

    /** The most console lines, helper calls and errors one run keeps of each. */
    public static final int MAX_KEPT = 10_000;

    private final JsRuntime runtime;
    private final ScriptBudget budget;
    private final Helpers helpers;
    private final ScriptWatchdog watchdog = new ScriptWatchdog();

    /**
     * A dry run whose scripts see the given helpers (their effects recorded, never performed): pass the
     * service's {@link Helpers} so that a dry run offers exactly what the service offers.
     */
    public DryRun(JsRuntime runtime, ScriptBudget budget, Helpers helpers) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.helpers = Objects.requireNonNull(helpers, "helpers");
    }

    /**
     * A dry run with the standard helpers ({@link Helpers#standard}), {@code utils.nodeName()} answering
     * {@code node}, and {@code env} built from global and per-script values with the default secret patterns.
     */
    public DryRun(JsRuntime runtime, ScriptBudget budget, String node, Map<String, String> env,
                  Map<String, Map<String, String>> scriptEnv) {
        this(runtime, budget, node, env, scriptEnv, ActionLimits.defaults());
    }

    /** As the constructor above, with the service's bounds on actions, so that a test refuses what it refuses. */
    public DryRun(JsRuntime runtime, ScriptBudget budget, String node, Map<String, String> env,
                  Map<String, Map<String, String>> scriptEnv, ActionLimits actions) {
        this(runtime, budget, standard(node, new ScriptEnv(env, scriptEnv), actions));
    }

    private static Helpers standard(String node, ScriptEnv env, ActionLimits actions) {
        // Recording never performs, so nothing is ever written to this registry or published.
        var registry = new SimpleMeterRegistry();
        return new Helpers(env, node, Effects.perform(), Helpers.standard(registry,
                new ScriptMetrics(registry, ScriptMetricLimits.defaults()), JobRegistrar.NONE,
                new ScriptActions(ActionPublisher.NONE, actions)));
    }

    /**
     * Loads {@code source} as the script {@code name} and calls its {@code onItemCaptured} with each item, in
     * order. Item JSON that does not parse becomes an error naming its index ({@code items[3]}) and the next
     * item is tried; a script that does not load is called with no item. Never throws for what the script or
     * the items do.
     */
    public DryRunResult run(String name, String source, List<byte[]> items) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(items, "items");
        long start = System.nanoTime();
        var recorder = new Recorder(name, helpers.redaction(name));
        int called = 0;
        try (var host = recorder.host()) {
            if (host.load(name, source).isEmpty()) {
                for (int i = 0; i < items.size(); i++) {
                    ItemView data;
                    try {
                        data = ItemView.parse(Objects.requireNonNull(items.get(i), "item"));
                    } catch (IllegalArgumentException e) {
                        recorder.error(new ScriptError(name, ScriptError.Kind.INTERNAL, ScriptHost.ITEM_HOOK,
                                "items[" + i + "] was not given to the script: " + e.getMessage(), 0, 0));
                        continue;
                    }
                    host.onItemCaptured(data);
                    called++;
                }
            }
            return new DryRunResult(recorder.console, recorder.calls, recorder.errors, host.hooks(name), called,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Checks {@code source} as the script {@code name}: first that it parses, without running any of it (a
     * syntax error comes with its line and column); then, when it does, runs its top-level code (helpers
     * recording) to find the hooks it defines and whether that code fails or overruns the budget.
     */
    public ScriptValidation validate(String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        var recorder = new Recorder(name, helpers.redaction(name));
        try (var host = recorder.host()) {
            Optional<ScriptError> syntax = host.parse(name, source);
            if (syntax.isPresent()) {
                return new ScriptValidation(false, List.of(syntax.get()), Set.of());
            }
            Optional<ScriptError> failed = host.load(name, source);
            return failed.map(error -> new ScriptValidation(false, List.of(error), Set.of()))
                    .orElseGet(() -> new ScriptValidation(true, List.of(), host.hooks(name)));
        }
    }

    /** Item JSON lines as items: one item a line, blank lines left out. */
    public static List<byte[]> jsonLines(String text) {
        return text.lines().filter(line -> !line.isBlank())
                .map(line -> line.getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /** Stops the watchdog timer. */
    @Override
    public void close() {
        watchdog.close();
    }

    /**
     * What one run collects, each list bounded by {@link #MAX_KEPT} so that a script printing in a loop cannot
     * exhaust the caller's memory. The host masks console lines and errors; this masks recorded calls.
     */
    private final class Recorder {
        final String name;
        final List<ConsoleLine> console = new ArrayList<>();
        final List<HelperCall> calls = new ArrayList<>();
        final List<ScriptError> errors = new ArrayList<>();
        final SecretRedaction redaction;
        private final Set<String> cut = new HashSet<>();

        Recorder(String name, SecretRedaction redaction) {
            this.name = name;
            this.redaction = redaction;
        }

        ScriptHost host() {
            return new ScriptHost(runtime, budget, watchdog,
                    helpers.recording(call -> keep(calls, redaction.apply(call), "helper calls")),
                    (script, level, text) -> keep(console, new ConsoleLine(script, level, text), "console lines"),
                    this::error);
        }

        void error(ScriptError error) {
            keep(errors, error, "errors");
        }

        private <T> void keep(List<T> list, T value, String what) {
            if (list.size() < MAX_KEPT) {
                list.add(value);
            } else if (cut.add(what)) {
                errors.add(new ScriptError(name, ScriptError.Kind.INTERNAL, null,
                        "more than " + MAX_KEPT + " " + what + "; the rest were left out", 0, 0));
            }
        }
    }
}
