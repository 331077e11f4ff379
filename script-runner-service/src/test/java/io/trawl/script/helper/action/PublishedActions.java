package io.trawl.script.helper.action;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.model.action.ActionRequest;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.job.JobRegistrar;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.helper.metric.ScriptMetrics;

/**
 * The actions helpers publish in a test, with a fixed clock ({@link #NOW}) and a rate clock the test moves
 * ({@link #nanos}).
 */
public final class PublishedActions implements ActionPublisher {

    /** 2026-11-28T05:16:50Z, a few seconds after the examples capture. */
    public static final long NOW = 1_795_843_010_000L;

    public final List<ActionRequest> actions = new CopyOnWriteArrayList<>();
    public final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public void publish(ActionRequest action) {
        actions.add(action);
    }

    /** The standard helpers on node {@code node-7}, publishing here. */
    public Helpers helpers(ScriptEnv env, ActionLimits limits) {
        var registry = new SimpleMeterRegistry();
        var scriptActions = new ScriptActions(this, limits, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
                nanos::get);
        return new Helpers(env, "node-7", Effects.perform(), Helpers.standard(registry,
                new ScriptMetrics(registry, ScriptMetricLimits.defaults()), JobRegistrar.NONE, scriptActions));
    }

    public Helpers helpers(ScriptEnv env) {
        return helpers(env, ActionLimits.defaults());
    }

    /** The params of every action, in order. */
    public List<String> params() {
        return actions.stream().map(ActionRequest::params).toList();
    }
}
