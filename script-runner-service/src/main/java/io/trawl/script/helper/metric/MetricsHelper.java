package io.trawl.script.helper.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

import io.trawl.script.helper.Arguments;
import io.trawl.script.helper.GuestObject;
import io.trawl.script.helper.Helper;
import io.trawl.script.helper.HelperException;
import io.trawl.script.helper.PlainValues;
import io.trawl.script.helper.ScriptScope;

/**
 * {@code metrics}: Trawl's own metric helpers, shorter than Kubeshark's and with histograms.
 * <ul>
 *   <li>{@code metrics.increment(name, amount?, labels?)}: adds {@code amount} (default 1, not negative) to a
 *       counter;</li>
 *   <li>{@code metrics.gauge(name, value, labels?)}: sets a gauge;</li>
 *   <li>{@code metrics.observe(name, value, labels?)}: records a value (not negative) into a histogram.</li>
 * </ul>
 * All return {@code undefined}. Names, labels and bounds as in {@link ScriptMetrics}. Recorded in a dry run as
 * {@code [name, amount or value, labels]}, amount defaulted and labels as validated.
 */
public final class MetricsHelper implements Helper {

    private final ScriptMetrics metrics;

    public MetricsHelper(ScriptMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public String global() {
        return "metrics";
    }

    @Override
    public ProxyObject create(ScriptScope scope) {
        return GuestObject.of(Map.of(
                "increment", function(scope, "increment", MetricKind.COUNTER),
                "gauge", function(scope, "gauge", MetricKind.GAUGE),
                "observe", function(scope, "observe", MetricKind.HISTOGRAM)));
    }

    private ProxyExecutable function(ScriptScope scope, String method, MetricKind kind) {
        String helper = "metrics." + method;
        return scope.function(helper, values -> {
            var args = new Arguments(values);
            String name = args.string(0, "name");
            String argument = kind == MetricKind.COUNTER ? "amount" : "value";
            double value = kind == MetricKind.COUNTER ? args.number(1, argument, 1) : args.number(1, argument);
            if (kind != MetricKind.GAUGE && value < 0) {
                throw HelperException.badArgument(argument + " " + PlainValues.number(value)
                        + " is negative; a " + kind + " takes values of 0 or more");
            }
            MetricSample sample = MetricSample.of(name, args.stringMap(2, "labels", false));
            List<Object> recorded = new ArrayList<>(List.of(name, PlainValues.number(value), sample.labels()));
            scope.effect(helper, recorded, () -> {
                switch (kind) {
                    case COUNTER -> metrics.increment(scope.script(), sample, null, value);
                    case GAUGE -> metrics.set(scope.script(), sample, null, value);
                    case HISTOGRAM -> metrics.observe(scope.script(), sample, null, value);
                }
            });
            return null;
        });
    }

    @Override
    public void forget(String script) {
        metrics.drop(script);
    }
}
