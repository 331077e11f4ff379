package io.trawl.script.helper.metric;

import java.util.Arrays;

/**
 * Bounds on what scripts' metrics may cost, so that no script can make the registry unbounded.
 *
 * @param maxLabelSets        distinct label sets (series) one script may create for one metric
 * @param maxMetricsPerScript distinct metric names one script may create
 * @param histogramBuckets    upper bounds of the histogram buckets of {@code metrics.observe}, increasing
 */
public record ScriptMetricLimits(int maxLabelSets, int maxMetricsPerScript, double[] histogramBuckets) {

    /** Suits milliseconds (item latencies) and bytes alike: 1 to a million in 1-2.5-5 steps. */
    public static final double[] DEFAULT_BUCKETS = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
            10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000};

    public ScriptMetricLimits {
        if (maxLabelSets < 1) {
            throw new IllegalArgumentException("maxLabelSets must be at least 1, was " + maxLabelSets);
        }
        if (maxMetricsPerScript < 1) {
            throw new IllegalArgumentException("maxMetricsPerScript must be at least 1, was " + maxMetricsPerScript);
        }
        histogramBuckets = histogramBuckets.clone();
        if (histogramBuckets.length == 0) {
            throw new IllegalArgumentException("histogramBuckets must not be empty");
        }
        for (int i = 0; i < histogramBuckets.length; i++) {
            if (!Double.isFinite(histogramBuckets[i]) || (i > 0 && histogramBuckets[i] <= histogramBuckets[i - 1])) {
                throw new IllegalArgumentException("histogramBuckets must be finite and increasing, were "
                        + Arrays.toString(histogramBuckets));
            }
        }
    }

    /** 1,000 label sets per metric, 100 metrics per script, {@link #DEFAULT_BUCKETS}. */
    public static ScriptMetricLimits defaults() {
        return new ScriptMetricLimits(1_000, 100, DEFAULT_BUCKETS);
    }

    @Override
    public double[] histogramBuckets() {
        return histogramBuckets.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScriptMetricLimits that && maxLabelSets == that.maxLabelSets
                && maxMetricsPerScript == that.maxMetricsPerScript
                && Arrays.equals(histogramBuckets, that.histogramBuckets);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * maxLabelSets + maxMetricsPerScript) + Arrays.hashCode(histogramBuckets);
    }

    @Override
    public String toString() {
        return "ScriptMetricLimits[maxLabelSets=" + maxLabelSets + ", maxMetricsPerScript=" + maxMetricsPerScript
                + ", histogramBuckets=" + Arrays.toString(histogramBuckets) + "]";
    }
}
