package io.trawl.script.helper.action;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import io.trawl.script.helper.HelperException;
import io.trawl.script.helper.PlainValues;
import io.trawl.script.helper.ScriptScope;

/**
 * How the {@code vendor} and {@code pcap} helpers turn a checked call into an {@link ActionRequest}: secret env
 * values replaced by {@code ${env:KEY}} references, the size and per-script rate bounds of {@link ActionLimits}
 * applied, then published through the {@link ActionPublisher} in the service, or recorded in a dry run (the
 * recorded call's one argument is the {@code params} object exactly as it would be published).
 *
 * <p>Ids: every request gets a random UUID, unique across replicas and restarts. A snapshot's id is made here
 * too, so that the script can name the snapshot before it exists: {@code <script>-<UTC yyyyMMdd'T'HHmmss'Z'>-<12
 * hex digits>}, only letters, digits, '.', '_' and '-' (safe as a file name and an object key). A dry run names
 * them {@code <script>-dry-run-1}, {@code -2}, ... so that its output is the same from run to run.
 *
 * <p>One instance is shared by both helpers, every worker thread and every script: thread-safe. The rate bound
 * is per script on this replica; a dry run has a budget of its own, so that testing a script never uses up the
 * running script's.
 */
public final class ScriptActions {

    private static final DateTimeFormatter SNAPSHOT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final ActionPublisher publisher;
    private final ActionLimits limits;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<String, ActionBudget> budgets = new ConcurrentHashMap<>();
    /** The key of a dry-run context's own state in {@link ScriptScope#perContext}. */
    private final Object dryRunKey = new Object();

    public ScriptActions(ActionPublisher publisher, ActionLimits limits) {
        this(publisher, limits, Clock.systemUTC(), System::nanoTime);
    }

    /**
     * @param clock    gives {@code createdTime}, snapshot ids and the end of a {@code seconds} window
     * @param nanoTime paces the rate bound
     */
    public ScriptActions(ActionPublisher publisher, ActionLimits limits, Clock clock, LongSupplier nanoTime) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Performs nothing, with the default limits: what a dry run needs. */
    public static ScriptActions unpublished() {
        return new ScriptActions(ActionPublisher.NONE, ActionLimits.defaults());
    }

    public ActionLimits limits() {
        return limits;
    }

    /** Now, in ms since the epoch: a request's {@code createdTime}. */
    public long now() {
        return clock.millis();
    }

    /** The id the next snapshot of the script in {@code scope} will have. */
    public String snapshotId(ScriptScope scope, long now) {
        if (scope.recording()) {
            return scope.script() + "-dry-run-" + dryRun(scope).snapshots++;
        }
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return scope.script() + "-" + SNAPSHOT_TIME.format(Instant.ofEpochMilli(now)) + "-" + random;
    }

    /**
     * Publishes (in a dry run: records) one action of {@code kind} asked for by {@code helper}, with
     * {@code params} (plain values, in the order the kind's documentation gives) made at {@code createdTime}.
     *
     * @throws HelperException (refused) when the params are too large or the script has used up its rate
     */
    public void publish(ScriptScope scope, String helper, ActionKind kind, Map<String, Object> params,
                        long createdTime) {
        @SuppressWarnings("unchecked")
        var published = (Map<String, Object>) scope.secretReferences().applyToPlain(params);
        String json = PlainValues.json(published);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxParamsBytes()) {
            throw HelperException.refused("the request is " + bytes + " bytes of JSON, more than the "
                    + limits.maxParamsBytes() + " allowed (trawl.script.max-action-size); send less content");
        }
        if (!budget(scope).take(nanoTime.getAsLong())) {
            throw HelperException.refused("script \"" + scope.script() + "\" reached its bound of "
                    + limits.perMinute() + " actions per minute (trawl.script.max-actions-per-minute); this call "
                    + "was refused");
        }
        scope.effect(helper, List.of(published), () -> publisher.publish(new ActionRequest(
                UUID.randomUUID().toString(), kind, scope.script(), scope.scriptVersion(), scope.origin(),
                scope.node(), createdTime, null, json)));
    }

    /** As {@link #publish(ScriptScope, String, ActionKind, Map, long)}, made now. */
    public void publish(ScriptScope scope, String helper, ActionKind kind, Map<String, Object> params) {
        publish(scope, helper, kind, params, now());
    }

    /** Drops the rate budget of a deleted script. */
    public void forget(String script) {
        budgets.remove(script);
    }

    private ActionBudget budget(ScriptScope scope) {
        if (scope.recording()) {
            return dryRun(scope).budget;
        }
        ActionBudget budget = budgets.get(scope.script());
        return budget != null ? budget
                : budgets.computeIfAbsent(scope.script(), s -> new ActionBudget(limits.perMinute(), nanoTime.getAsLong()));
    }

    private DryRunState dryRun(ScriptScope scope) {
        return scope.perContext(dryRunKey, () -> new DryRunState(new ActionBudget(limits.perMinute(),
                nanoTime.getAsLong())));
    }

    /** A dry-run context's own budget and snapshot count. */
    private static final class DryRunState {
        final ActionBudget budget;
        int snapshots = 1;

        DryRunState(ActionBudget budget) {
            this.budget = budget;
        }
    }
}
