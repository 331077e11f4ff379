package io.trawl.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The timed runs of one measurement: throughputs, and the 1-minute load average seen before each run. */
public final class Series {

    private final List<Double> values = new ArrayList<>();
    private final List<Double> loads = new ArrayList<>();
    private final List<Double> others = new ArrayList<>();

    public void add(double value, double loadAverage) {
        add(value, loadAverage, Double.NaN);
    }

    /** @param othersCores CPU that other processes used during the run, in cores */
    public void add(double value, double loadAverage, double othersCores) {
        values.add(value);
        loads.add(loadAverage);
        others.add(othersCores);
    }

    /** Median CPU of other processes during the runs, in cores. */
    public double medianOthers() {
        return median(others.stream().filter(d -> !d.isNaN()).toList());
    }

    public double maxOthers() {
        return others.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).max()
                .orElse(Double.NaN);
    }

    public int count() {
        return values.size();
    }

    public double median() {
        return median(values);
    }

    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    public double minLoad() {
        return loads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double maxLoad() {
        return loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    public List<Double> values() {
        return List.copyOf(values);
    }

    /** The median; the mean of the two middle values for an even count. */
    public static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }
}
