package io.trawl.script.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.job.JobsHelper;
import io.trawl.script.helper.job.ScheduledJob;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.ScriptScope;
import io.trawl.script.helper.SecretRedaction;

/**
 * The scripts of one worker thread: one sandboxed context per script, on the shared {@link JsRuntime}, and
 * the hook calls into them. Not thread-safe: a host, like its contexts, belongs to one thread at a time.
 *
 * <p>Every guest call (a script's top-level code, each hook call) runs under the {@link ScriptBudget}: a
 * statement limit reset before each call and a wall-time limit enforced by the {@link ScriptWatchdog}.
 * Nothing a script does escapes as an exception: a syntax error, a throw, recursion too deep or a budget
 * overrun becomes a {@link ScriptError} given to the {@link ScriptErrorListener}, and the other scripts of
 * the host still get the item.
 *
 * <p>Each context gets {@code console} and then the {@link Helpers} the host was built with. A script's
 * console lines and error messages leave the host with its secret {@code env} values masked.
 *
 * <p>What a script can rely on about its state: its globals live in its own context (scripts never see each
 * other's globals) and persist from call to call on this host, including after a hook throws or is stopped
 * for taking too long (an interrupt keeps the context). After a <em>statement-limit</em> overrun, or when a
 * runaway call ignores the interrupt and the context must be cancelled, the context is unusable: the host
 * closes it and builds a new one from the same source, running the top-level code again. Its globals are
 * then reset to what the top-level code sets; nothing is carried over. If that rebuild fails the script is
 * dropped from the host, with an error.
 */
public final class ScriptHost implements AutoCloseable {

    public static final String ITEM_HOOK = "onItemCaptured";
    public static final String PACKET_HOOK = "onPacketCaptured";
    public static final String JOB_PASSED_HOOK = "onJobPassed";
    public static final String JOB_FAILED_HOOK = "onJobFailed";
    /** Every hook a script may define, in the order {@link #hooks(String)} reports them. */
    public static final List<String> HOOKS = List.of(ITEM_HOOK, PACKET_HOOK, JOB_PASSED_HOOK, JOB_FAILED_HOOK);

    private final JsRuntime runtime;
    private final ResourceLimits limits;
    private final GuestCall guard;
    private final Helpers helpers;
    private final ScriptOutput output;
    private final ScriptErrorListener errors;
    private final HookObserver observer;
    private final Duration warmUp;
    private final Duration loadWallTime;
    private final Map<String, Loaded> scripts = new LinkedHashMap<>();
    /** The scripts in load order, rebuilt when they change: a hook call iterates it without copying. */
    private Loaded[] order = new Loaded[0];

    /** A host whose scripts see {@code console} and no other helper. */
    public ScriptHost(JsRuntime runtime, ScriptBudget budget, ScriptWatchdog watchdog, ScriptOutput output,
                      ScriptErrorListener errors) {
        this(runtime, budget, watchdog, Helpers.none(), output, errors);
    }

    /**
     * A host whose scripts see {@code console} and {@code helpers}. Console lines and error messages of a script
     * reach {@code output} and {@code errors} with the script's secret env values masked.
     */
    public ScriptHost(JsRuntime runtime, ScriptBudget budget, ScriptWatchdog watchdog, Helpers helpers,
                      ScriptOutput output, ScriptErrorListener errors) {
        this(runtime, budget, watchdog, helpers, output, errors, HookObserver.NONE);
    }

    /**
     * As the constructor above, telling {@code observer} about every hook call. A context's hook calls during its
     * first {@link ScriptBudget#warmUp()} get the load wall time ({@link ScriptBudget#loadWallTime()}).
     */
    public ScriptHost(JsRuntime runtime, ScriptBudget budget, ScriptWatchdog watchdog, Helpers helpers,
                      ScriptOutput output, ScriptErrorListener errors, HookObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.warmUp = budget.warmUp();
        this.loadWallTime = budget.loadWallTime();
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.limits = ResourceLimits.newBuilder().statementLimit(budget.statements(), null).build();
        this.guard = new GuestCall(budget, Objects.requireNonNull(watchdog, "watchdog"));
        this.helpers = Objects.requireNonNull(helpers, "helpers");
        this.output = Objects.requireNonNull(output, "output");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /**
     * Loads a script, replacing the one of the same name, and runs its top-level code under the budget.
     * A script that fails to parse or whose top-level code fails is refused: the error is returned (and
     * given to the listener) and the host keeps no script of that name.
     */
    public Optional<ScriptError> load(String name, String source) {
        return load(name, 0, source);
    }

    /**
     * As {@link #load(String, String)}, for version {@code version} of a stored script: what its helpers put in
     * the actions they publish.
     */
    public Optional<ScriptError> load(String name, int version, String source) {
        Objects.requireNonNull(name, "name");
        unload(name);
        var script = new Loaded(name, version, source(name, source), helpers.redaction(name));
        Optional<ScriptError> failed = start(script);
        if (failed.isEmpty()) {
            scripts.put(name, script);
            order = scripts.values().toArray(Loaded[]::new);
        }
        return failed;
    }

    /**
     * Parses {@code source} as the script {@code name} without running any of it, in a context of its own that
     * is closed afterwards: the syntax error with its line and column, or empty when it parses. The host keeps
     * nothing and tells the listener nothing.
     */
    public Optional<ScriptError> parse(String name, String source) {
        Objects.requireNonNull(name, "name");
        Source parsed = source(name, source);
        SecretRedaction redaction = helpers.redaction(name);
        ScriptWatchdog.Slot slot = guard.watch(runtime.newContext(limits));
        try {
            return guard.run(slot, name, null, c -> c.parse(parsed))
                    .map(failure -> redact(failure.error(), redaction));
        } finally {
            closeQuietly(slot);
        }
    }

    /** Drops a script and closes its context; nothing happens when there is none of that name. */
    public void unload(String name) {
        Loaded script = scripts.remove(name);
        order = scripts.values().toArray(Loaded[]::new);
        if (script != null) {
            closeQuietly(script.slot);
        }
    }

    /** Names of the loaded scripts, in load order. */
    public List<String> scripts() {
        return List.copyOf(scripts.keySet());
    }

    /**
     * The hooks of {@link #HOOKS} that the loaded script {@code name} defines as functions, as its top-level
     * code left them (checked after each load and rebuild); empty when no script of that name is loaded.
     */
    public Set<String> hooks(String name) {
        Loaded script = scripts.get(name);
        return script == null ? Set.of() : script.hooks;
    }

    /** Calls {@code onItemCaptured(data)} of every script that defines it, in load order. */
    public void onItemCaptured(Object data) {
        callAll(ITEM_HOOK, data);
    }

    /** Calls {@code onPacketCaptured(info)} of every script that defines it, in load order. */
    public void onPacketCaptured(Object info) {
        callAll(PACKET_HOOK, info);
    }

    /** What {@link ScriptError#hook()} and the hook observer name a job run. */
    public static final String JOB = "job";

    /**
     * Runs the job {@code tag} that script {@code name} scheduled in this host's context, with the arguments it
     * was scheduled with, under the hook budget; then calls the script's {@code onJobPassed(tag, cron, limit)} or
     * {@code onJobFailed(tag, cron, limit, err)} if it defines them. A job this host does not know (the script is
     * not loaded here, or its current version no longer schedules that tag) is an error of that script.
     *
     * @return how the job function ended (not its outcome hooks)
     */
    public JobOutcome runJob(String name, String tag) {
        Loaded script = scripts.get(name);
        if (script == null) {
            String message = "job \"" + tag + "\" fired, but the script is not loaded here (disabled or deleted)";
            errors.error(new ScriptError(name, ScriptError.Kind.INTERNAL, JOB, message, 0, 0));
            return JobOutcome.failed(message, 0);
        }
        ScheduledJob job = JobsHelper.jobs(script.slot.context().getBindings("js").getMember("jobs")).get(tag);
        if (job == null) {
            ScriptError error = report(script, new ScriptError(name, ScriptError.Kind.INTERNAL, JOB, "job \"" + tag
                    + "\" fired, but this version of the script does not schedule it", 0, 0));
            return JobOutcome.failed(error.message(), 0);
        }
        long start = System.nanoTime();
        script.scope.origin(JOB + ":" + tag);
        Optional<GuestCall.Failure> failure = guard.run(script.slot, script.name, JOB,
                context -> job.function().executeVoid(job.arguments().toArray()));
        long nanos = System.nanoTime() - start;
        observer.called(script.name, JOB, nanos, failure.isPresent());
        if (failure.isPresent()) {
            ScriptError error = report(script, failure.get().error());
            if (failure.get().contextLost()) {
                restart(script);
                return JobOutcome.failed(error.message(), nanos);
            }
            callOutcome(script, JOB_FAILED_HOOK, tag, job.cron(), job.limit(), error.message());
            return JobOutcome.failed(error.message(), nanos);
        }
        callOutcome(script, JOB_PASSED_HOOK, tag, job.cron(), job.limit());
        return JobOutcome.passed(nanos);
    }

    private void callOutcome(Loaded script, String hook, Object... arguments) {
        Value function = script.functions.get(hook);
        if (function == null) {
            return;
        }
        long start = System.nanoTime();
        script.scope.origin(hook);
        Optional<GuestCall.Failure> failure = guard.run(script.slot, script.name, hook,
                context -> function.executeVoid(arguments));
        observer.called(script.name, hook, System.nanoTime() - start, failure.isPresent());
        failure.ifPresent(f -> {
            report(script, f.error());
            if (f.contextLost()) {
                restart(script);
            }
        });
    }

    private void callAll(String hook, Object argument) {
        // The snapshot, not the map: a failed rebuild drops a script while we go through them.
        for (Loaded script : order) {
            Value function = script.functions.get(hook);
            if (function == null) {
                continue;
            }
            long start = System.nanoTime();
            script.scope.origin(hook);
            Optional<GuestCall.Failure> failure = start < script.warmUntil
                    ? guard.run(script.slot, script.name, hook, loadWallTime, context -> function.executeVoid(argument))
                    : guard.run(script.slot, script.name, hook, context -> function.executeVoid(argument));
            observer.called(script.name, hook, System.nanoTime() - start, failure.isPresent());
            failure.ifPresent(f -> {
                report(script, f.error());
                if (f.contextLost()) {
                    restart(script);
                }
            });
        }
    }

    private Optional<ScriptError> start(Loaded script) {
        script.slot = guard.watch(runtime.newContext(limits));
        Context context = script.slot.context();
        SecretRedaction redaction = script.redaction;
        ConsoleBinding.install(context, script.name,
                (name, level, text) -> output.line(name, level, redaction.apply(text)));
        script.scope = helpers.install(context, script.name, script.version);
        Optional<GuestCall.Failure> failure = guard.run(script.slot, script.name, null,
                c -> c.eval(script.source));
        failure.ifPresentOrElse(f -> closeQuietly(script.slot), () -> {
            script.functions = defined(context);
            script.hooks = Collections.unmodifiableSet(new LinkedHashSet<>(script.functions.keySet()));
            script.warmUntil = System.nanoTime() + warmUp.toNanos();
        });
        return failure.map(f -> report(script, f.error()));
    }

    /** Gives the error, its secrets masked, to the listener, and returns what was given. */
    private ScriptError report(Loaded script, ScriptError error) {
        ScriptError redacted = redact(error, script.redaction);
        errors.error(redacted);
        return redacted;
    }

    private static ScriptError redact(ScriptError error, SecretRedaction redaction) {
        String message = redaction.apply(error.message());
        return Objects.equals(message, error.message()) ? error
                : new ScriptError(error.script(), error.kind(), error.hook(), message, error.line(), error.column());
    }

    private static Source source(String name, String source) {
        return Source.newBuilder("js", Objects.requireNonNull(source, "source"), name).buildLiteral();
    }

    /** The hook functions the script's top-level code defined, found once: later reassignments are not seen. */
    private static Map<String, Value> defined(Context context) {
        var defined = new LinkedHashMap<String, Value>();
        for (String hook : HOOKS) {
            Value function = GuestCall.function(context, hook);
            if (function != null) {
                defined.put(hook, function);
            }
        }
        return defined;
    }

    private void restart(Loaded script) {
        closeQuietly(script.slot);
        if (start(script).isPresent()) {
            scripts.remove(script.name, script);
            order = scripts.values().toArray(Loaded[]::new);
        }
    }

    @Override
    public void close() {
        List<Loaded> all = new ArrayList<>(scripts.values());
        scripts.clear();
        order = new Loaded[0];
        all.forEach(script -> closeQuietly(script.slot));
    }

    /** Closes the slot's context and stops timing it. */
    private static void closeQuietly(ScriptWatchdog.Slot slot) {
        slot.close();
        try {
            slot.context().close(true);
        } catch (RuntimeException e) {
            // Already closed, or cancelled by the watchdog: either way it is gone.
        }
    }

    /** A script and its current context, which a rebuild replaces. */
    private static final class Loaded {
        final String name;
        final int version;
        final Source source;
        final SecretRedaction redaction;
        /** The current context, timed by the watchdog. */
        ScriptWatchdog.Slot slot;
        /** What the current context's helpers share; the host sets its origin before each call. */
        ScriptScope scope;
        Set<String> hooks = Set.of();
        Map<String, Value> functions = Map.of();
        long warmUntil;

        Loaded(String name, int version, Source source, SecretRedaction redaction) {
            this.name = name;
            this.version = version;
            this.source = source;
            this.redaction = redaction;
        }
    }
}
