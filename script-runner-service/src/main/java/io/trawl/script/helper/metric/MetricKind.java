package io.trawl.script.helper.metric;

/** What a script's metric is; a metric name keeps the kind it was first used as. */
public enum MetricKind {
    /** Only goes up: {@code metrics.increment}, {@code prometheus.metric} type 1. */
    COUNTER("counter"),
    /** Set to a value: {@code metrics.gauge}, {@code prometheus.metric} types 2 and 3. */
    GAUGE("gauge"),
    /** A distribution of observed values with histogram buckets: {@code metrics.observe}. */
    HISTOGRAM("histogram");

    private final String label;

    MetricKind(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
