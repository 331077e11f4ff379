package io.trawl.script.helper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.script.helper.action.ScriptActions;
import io.trawl.script.helper.job.JobRegistrar;
import io.trawl.script.helper.job.JobsHelper;
import io.trawl.script.helper.metric.MetricsHelper;
import io.trawl.script.helper.metric.PrometheusHelper;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.helper.pcap.PcapHelper;
import io.trawl.script.helper.vendor.VendorHelper;

/**
 * The helper globals installed into every script context (helper API version 1), with what they share: the
 * {@link ScriptEnv}, the node name, and whether effects are performed (the service) or recorded (a dry run).
 * {@code ScriptHost} calls {@link #install} after {@code console} each time it (re)builds a context, and
 * applies {@link #redaction} to the script's console lines and errors; new helpers plug in as more
 * {@link Helper}s in the list, without changes to the host. Immutable and thread-safe.
 */
public final class Helpers {

    /** The version of the helper API this set implements. */
    public static final int API_VERSION = 1;

    private static final Helpers NONE = new Helpers(ScriptEnv.empty(), "", Effects.perform(), List.of());

    private final ScriptEnv env;
    private final String node;
    private final Effects effects;
    private final List<Helper> helpers;

    /**
     * @throws IllegalArgumentException when two helpers install the same global, or one installs {@code console}
     */
    public Helpers(ScriptEnv env, String node, Effects effects, List<Helper> helpers) {
        this.env = Objects.requireNonNull(env, "env");
        this.node = Objects.requireNonNull(node, "node");
        this.effects = Objects.requireNonNull(effects, "effects");
        this.helpers = List.copyOf(helpers);
        var globals = new HashSet<String>();
        globals.add("console");
        for (Helper helper : this.helpers) {
            if (!globals.add(helper.global())) {
                throw new IllegalArgumentException("two helpers install the global '" + helper.global() + "'");
            }
        }
    }

    /** No helpers and no env: scripts see {@code console} only. */
    public static Helpers none() {
        return NONE;
    }

    /**
     * The helpers of API version 1 that exist so far: {@code env}, {@code utils}, {@code test}, {@code jobs},
     * {@code prometheus}, {@code metrics}, {@code vendor} and {@code pcap}. {@code registry} counts test outcomes;
     * {@code metrics} holds the scripts' own meters (on the same registry in the service). Jobs register nowhere
     * and actions are published nowhere: what a dry run needs, since it performs nothing.
     */
    public static List<Helper> standard(MeterRegistry registry, ScriptMetrics metrics) {
        return standard(registry, metrics, JobRegistrar.NONE);
    }

    /** As {@link #standard(MeterRegistry, ScriptMetrics)}, with {@code jobs} registering through {@code jobs}. */
    public static List<Helper> standard(MeterRegistry registry, ScriptMetrics metrics, JobRegistrar jobs) {
        return standard(registry, metrics, jobs, ScriptActions.unpublished());
    }

    /**
     * As {@link #standard(MeterRegistry, ScriptMetrics, JobRegistrar)}, with {@code vendor} and {@code pcap}
     * publishing through {@code actions}.
     */
    public static List<Helper> standard(MeterRegistry registry, ScriptMetrics metrics, JobRegistrar jobs,
                                        ScriptActions actions) {
        return List.of(new EnvHelper(), new UtilsHelper(), new TestHelper(registry), new PrometheusHelper(metrics),
                new MetricsHelper(metrics), new JobsHelper(jobs), new VendorHelper(actions), new PcapHelper(actions));
    }

    /** The same helpers, env and node, recording effects into {@code calls} instead of performing them. */
    public Helpers recording(HelperCalls calls) {
        return new Helpers(env, node, Effects.record(calls), helpers);
    }

    /** This set with {@code more} helpers after its own. */
    public Helpers with(List<Helper> more) {
        var all = new ArrayList<>(helpers);
        all.addAll(more);
        return new Helpers(env, node, effects, all);
    }

    /** Installs every helper's global into {@code context} for a script that is not stored (version 0). */
    public ScriptScope install(Context context, String script) {
        return install(context, script, 0);
    }

    /**
     * Installs every helper's global into {@code context} for version {@code version} of {@code script}, before
     * its code runs; returns the scope the helpers share, whose {@link ScriptScope#origin(String)} the host sets
     * before each call.
     */
    public ScriptScope install(Context context, String script, int version) {
        Value bindings = context.getBindings("js");
        var scope = new ScriptScope(script, version, node, env.of(script), env.references(script), effects,
                bindings.getMember("TypeError"), bindings.getMember("Error"), bindings.getMember("undefined"));
        for (Helper helper : helpers) {
            bindings.putMember(helper.global(), helper.create(scope));
        }
        return scope;
    }

    /** What to mask in {@code script}'s console lines and error messages. */
    public SecretRedaction redaction(String script) {
        return env.redaction(script);
    }

    /** Lets every helper drop what it keeps for a deleted script, such as its meters. */
    public void forget(String script) {
        helpers.forEach(helper -> helper.forget(script));
    }

    public ScriptEnv env() {
        return env;
    }

    public String node() {
        return node;
    }

    public Effects effects() {
        return effects;
    }

    public List<Helper> helpers() {
        return helpers;
    }
}
