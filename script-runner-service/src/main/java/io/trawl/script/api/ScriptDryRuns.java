package io.trawl.script.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;

import io.trawl.script.api.ScriptResponses.CallView;
import io.trawl.script.api.ScriptResponses.ErrorView;
import io.trawl.script.api.ScriptResponses.TestLineView;
import io.trawl.script.api.ScriptResponses.TestView;
import io.trawl.script.api.ScriptResponses.ValidationView;
import io.trawl.script.dryrun.DryRun;
import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.dryrun.ScriptValidation;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.action.ActionLimits;
import io.trawl.script.host.ScriptBudget;
import io.trawl.script.host.ScriptError;
import tools.jackson.databind.JsonNode;

/**
 * The API's validations and tests, on {@link DryRun}: helper calls recorded, never performed. Scripts run on
 * the request thread, at most {@code maxConcurrent} at once. A dry run here sees only the {@code env} the
 * request gives, never the service's own, whose secrets must not reach an API response.
 *
 * <p>Also remembers, by SHA-256, the hooks of every source it validated, for the list's "hooks if known".
 */
public final class ScriptDryRuns implements AutoCloseable {

    private static final Duration WAIT_FOR_SLOT = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED = 10_000;
    private static final String WARM_UP = """
            var seen = {};
            function onItemCaptured(data) { seen[data.id] = (seen[data.id] || 0) + 1; console.log(data.id); }
            function onPacketCaptured(info) { }
            """;

    private final JsRuntime runtime;
    private final ScriptBudget budget;
    private final String node;
    private final ActionLimits actions;
    private final DryRun withoutEnv;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final Map<String, List<String>> hooksBySha256 = new ConcurrentHashMap<>();

    public ScriptDryRuns(JsRuntime runtime, ScriptBudget budget, String node, ActionLimits actions,
                         int maxConcurrent) {
        this.runtime = runtime;
        this.budget = budget;
        this.node = node;
        this.actions = actions;
        this.withoutEnv = new DryRun(runtime, budget, node, Map.of(), Map.of(), actions);
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent, true);
        // The first parses on a cold engine can take longer than a hook's whole wall-time budget; pay that here
        // rather than refusing a user's first script as too slow.
        withoutEnv.validate("warm-up", WARM_UP);
    }

    /**
     * Parses the source and runs its top-level code, as a runner would when loading it. A timeout is tried once
     * more: a source that merely met a cold engine or a busy machine then passes, and one that really loops
     * fails twice.
     */
    public ValidationView validate(String name, String source, String sha256) {
        ScriptValidation validation = withSlot(() -> {
            ScriptValidation first = withoutEnv.validate(name, source);
            boolean timedOut = first.errors().stream().anyMatch(e -> e.kind() == ScriptError.Kind.TIMEOUT);
            return timedOut ? withoutEnv.validate(name, source) : first;
        });
        List<String> hooks = List.copyOf(validation.hooks());
        if (validation.valid()) {
            remember(sha256, hooks);
        }
        return new ValidationView(validation.valid(), validation.errors().stream().map(ErrorView::of).toList(),
                hooks);
    }

    /** Runs the source on the items, with {@code env} as the script's {@code env}. */
    public TestView test(String name, String source, List<JsonNode> items, Map<String, String> env) {
        List<byte[]> json = new ArrayList<>(items.size());
        items.forEach(item -> json.add(String.valueOf(item).getBytes(StandardCharsets.UTF_8)));
        DryRunResult result = withSlot(() -> {
            if (env == null || env.isEmpty()) {
                return withoutEnv.run(name, source, json);
            }
            try (DryRun run = new DryRun(runtime, budget, node, env, Map.of(), actions)) {
                return run.run(name, source, json);
            }
        });
        return new TestView(
                result.console().stream().map(l -> new TestLineView(l.level().name(), l.text())).toList(),
                result.calls().stream().map(c -> new CallView(c.helper(), c.arguments())).toList(),
                result.errors().stream().map(ErrorView::of).toList(),
                List.copyOf(result.hooks()), result.items(), result.elapsed().toMillis());
    }

    /** The hooks of a source this replica validated, or null. */
    public List<String> knownHooks(String sha256) {
        return hooksBySha256.get(sha256);
    }

    private void remember(String sha256, List<String> hooks) {
        if (hooksBySha256.size() >= MAX_REMEMBERED) {
            hooksBySha256.clear();
        }
        hooksBySha256.put(sha256, hooks);
    }

    private <T> T withSlot(java.util.function.Supplier<T> run) {
        try {
            if (!slots.tryAcquire(WAIT_FOR_SLOT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, maxConcurrent + " validations or tests are "
                        + "running already (trawl.api.max-concurrent-dry-runs); try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted while waiting to run the script");
        }
        try {
            return run.get();
        } finally {
            slots.release();
        }
    }

    @Override
    public void close() {
        withoutEnv.close();
    }
}
