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
 * {@code prometheus}: Kubeshark's metric helpers, so that its scripts run unchanged.
 * <ul>
 *   <li>{@code prometheus.metric(name, description, type, value, labels?)}: type 1 adds {@code value} to a
 *       counter, 2 sets a gauge, 3 (Kubeshark's untyped float) sets a gauge too. Returns {@code undefined}.</li>
 *   <li>{@code prometheus.vector(name, description, type, value, labels)}: type 1 adds to a counter, 2 sets a
 *       gauge, for the given labels. Returns {@code "ok"}.</li>
 * </ul>
 * Names, labels and bounds as in {@link ScriptMetrics}. Recorded in a dry run as
 * {@code [name, description, type, value, labels]} with labels as validated ({@code {}} when absent).
 */
public final class PrometheusHelper implements Helper {

    private final ScriptMetrics metrics;

    public PrometheusHelper(ScriptMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public String global() {
        return "prometheus";
    }

    @Override
    public ProxyObject create(ScriptScope scope) {
        return GuestObject.of(Map.of(
                "metric", scope.function("prometheus.metric", call(scope, "prometheus.metric", false)),
                "vector", scope.function("prometheus.vector", call(scope, "prometheus.vector", true))));
    }

    private ProxyExecutable call(ScriptScope scope, String helper, boolean vector) {
        return values -> {
            var args = new Arguments(values);
            String name = args.string(0, "name");
            String description = args.string(1, "description");
            int type = args.integer(2, "type");
            if (type < 1 || type > (vector ? 2 : 3)) {
                throw HelperException.badArgument("type " + type + " is not " + (vector
                        ? "1 (counter vector) or 2 (gauge vector)" : "1 (counter), 2 (gauge) or 3 (untyped)"));
            }
            double value = args.number(3, "value");
            if (type == 1 && value < 0) {
                throw HelperException.badArgument("value " + PlainValues.number(value)
                        + " is negative; a counter (type 1) only goes up");
            }
            MetricSample sample = MetricSample.of(name, args.stringMap(4, "labels", vector));
            List<Object> recorded = new ArrayList<>(List.of(name, description, type, PlainValues.number(value),
                    sample.labels()));
            scope.effect(helper, recorded, () -> {
                if (type == 1) {
                    metrics.increment(scope.script(), sample, description, value);
                } else {
                    metrics.set(scope.script(), sample, description, value);
                }
            });
            return vector ? "ok" : null;
        };
    }

    @Override
    public void forget(String script) {
        metrics.drop(script);
    }
}
