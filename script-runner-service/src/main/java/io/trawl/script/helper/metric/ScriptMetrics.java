package io.trawl.script.helper.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.trawl.script.helper.HelperException;

/**
 * Scripts' own metrics on a Micrometer registry (the service's Prometheus registry): the performing side of
 * {@code prometheus.*} and {@code metrics.*}. Thread-safe; every worker thread's scripts share one instance.
 *
 * <p>A script's metric {@code name} is the meter {@value #PREFIX}{@code name} (Prometheus
 * {@code trawl_script_user_<name>}, counters with {@code _total}) tagged {@code script} with the script's name
 * and with the script's labels. What keeps it bounded, each refusal thrown as {@link HelperException#refused}
 * and counted in {@value #REJECTED} (tags {@code script}, {@code reason}):
 * <ul>
 *   <li>at most {@link ScriptMetricLimits#maxMetricsPerScript()} names per script (reason {@code metrics});</li>
 *   <li>at most {@link ScriptMetricLimits#maxLabelSets()} label sets per name and script ({@code label-sets});</li>
 *   <li>a name keeps the kind it was first used as, across all scripts, since Prometheus gives a name one type
 *       ({@code type}).</li>
 * </ul>
 * A gauge keeps its last value: this class holds the value the registry reads. {@link #drop} removes a deleted
 * script's meters.
 */
public final class ScriptMetrics {

    public static final String PREFIX = "trawl.script.user.";
    public static final String SCRIPT_TAG = "script";
    public static final String REJECTED = "trawl.script.metrics.rejected";

    private final MeterRegistry registry;
    private final ScriptMetricLimits limits;
    // Fast path: an existing series is updated without taking the lock.
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    // Guarded by this: the kind of each name, the scripts using it, and each script's names and series counts.
    private final Map<String, Family> families = new HashMap<>();
    private final Map<String, Map<String, Integer>> labelSetsByScript = new HashMap<>();

    public ScriptMetrics(MeterRegistry registry, ScriptMetricLimits limits) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Adds {@code amount} (at least 0) to a counter. */
    public void increment(String script, MetricSample sample, String description, double amount) {
        series(script, sample, MetricKind.COUNTER, description).counter.increment(amount);
    }

    /** Sets a gauge to {@code value}. */
    public void set(String script, MetricSample sample, String description, double value) {
        series(script, sample, MetricKind.GAUGE, description).gauge.value = value;
    }

    /** Records {@code value} (at least 0) into a histogram. */
    public void observe(String script, MetricSample sample, String description, double value) {
        series(script, sample, MetricKind.HISTOGRAM, description).histogram.record(value);
    }

    /** The metric names {@code script} has created, in no particular order. */
    public synchronized Set<String> names(String script) {
        return Set.copyOf(labelSetsByScript.getOrDefault(script, Map.of()).keySet());
    }

    /** Removes every meter of {@code script} (its refusal counts too) and forgets its names and bounds. */
    public synchronized void drop(String script) {
        List.copyOf(registry.find(REJECTED).tag(SCRIPT_TAG, script).meters()).forEach(registry::remove);
        Map<String, Integer> names = labelSetsByScript.remove(script);
        if (names == null) {
            return;
        }
        List<SeriesKey> gone = new ArrayList<>();
        series.forEach((key, value) -> {
            if (key.script.equals(script)) {
                gone.add(key);
                registry.remove(value.meter);
            }
        });
        gone.forEach(series::remove);
        names.keySet().forEach(name -> {
            Family family = families.get(name);
            if (family != null) {
                family.scripts.remove(script);
                if (family.scripts.isEmpty()) {
                    families.remove(name);
                }
            }
        });
    }

    private Series series(String script, MetricSample sample, MetricKind kind, String description) {
        var key = new SeriesKey(script, sample.name(), sample.labels());
        Series existing = series.get(key);
        if (existing != null && existing.kind == kind) {
            return existing;
        }
        return create(key, kind, description);
    }

    private synchronized Series create(SeriesKey key, MetricKind kind, String description) {
        Series existing = series.get(key);
        Family family = families.get(key.name);
        if (family != null && family.kind != kind) {
            throw refused(key.script, "type", "metric \"" + key.name + "\" is a " + family.kind
                    + "; it cannot also be a " + kind + " (a metric name keeps its first type, across all scripts)");
        }
        if (existing != null) {
            return existing;
        }
        Map<String, Integer> names = labelSetsByScript.computeIfAbsent(key.script, script -> new HashMap<>());
        int labelSets = names.getOrDefault(key.name, 0);
        if (labelSets == 0 && names.size() >= limits.maxMetricsPerScript()) {
            throw refused(key.script, "metrics", "metric \"" + key.name + "\" refused: script \"" + key.script
                    + "\" already has " + limits.maxMetricsPerScript() + " metrics, the most allowed per script");
        }
        if (labelSets >= limits.maxLabelSets()) {
            throw refused(key.script, "label-sets", "metric \"" + key.name + "\" already has "
                    + limits.maxLabelSets() + " label sets, the most allowed per metric; the label set "
                    + key.labels + " was refused");
        }
        Series created = register(key, kind, description);
        series.put(key, created);
        names.put(key.name, labelSets + 1);
        families.computeIfAbsent(key.name, name -> new Family(kind)).scripts.add(key.script);
        return created;
    }

    private Series register(SeriesKey key, MetricKind kind, String description) {
        String name = PREFIX + key.name;
        Tags tags = Tags.of(SCRIPT_TAG, key.script);
        for (Map.Entry<String, String> label : key.labels.entrySet()) {
            tags = tags.and(label.getKey(), label.getValue());
        }
        String help = description == null || description.isEmpty() ? null : description;
        return switch (kind) {
            case COUNTER -> new Series(kind, Counter.builder(name).description(help).tags(tags).register(registry));
            case GAUGE -> {
                var holder = new GaugeValue();
                yield new Series(kind, Gauge.builder(name, holder, GaugeValue::value).description(help).tags(tags)
                        .register(registry), holder);
            }
            case HISTOGRAM -> new Series(kind, DistributionSummary.builder(name).description(help).tags(tags)
                    .serviceLevelObjectives(limits.histogramBuckets())
                    .register(registry));
        };
    }

    private HelperException refused(String script, String reason, String message) {
        Counter.builder(REJECTED)
                .description("Metric helper calls refused for reaching a bound or changing a metric's type")
                .tags(SCRIPT_TAG, script, "reason", reason)
                .register(registry)
                .increment();
        return HelperException.refused(message);
    }

    private record SeriesKey(String script, String name, Map<String, String> labels) {
    }

    private static final class Family {
        final MetricKind kind;
        final Set<String> scripts = new HashSet<>();

        Family(MetricKind kind) {
            this.kind = kind;
        }
    }

    /** The value a gauge reports; held here so the registry's weak reference to it stays alive. */
    private static final class GaugeValue {
        volatile double value;

        double value() {
            return value;
        }
    }

    private static final class Series {
        final MetricKind kind;
        final Meter meter;
        final Counter counter;
        final GaugeValue gauge;
        final DistributionSummary histogram;

        Series(MetricKind kind, Meter meter) {
            this(kind, meter, null);
        }

        Series(MetricKind kind, Meter meter, GaugeValue gauge) {
            this.kind = kind;
            this.meter = meter;
            this.counter = meter instanceof Counter c ? c : null;
            this.gauge = gauge;
            this.histogram = meter instanceof DistributionSummary d ? d : null;
        }
    }
}
