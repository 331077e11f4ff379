package io.trawl.bench.script;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import tools.jackson.databind.json.JsonMapper;

/**
 * The outlier lines every latency row must print, pass by pass: the Java version ({@link LatencyOutliers}) run
 * over the corpus's samples, taken once from Jackson trees. State carries over from pass to pass, as a script's
 * globals do. With workers, one state per worker (the worker an item's flow key routes it to) and a pass's
 * lines sorted, since the workers' lines interleave in no fixed order.
 */
final class OutlierReference {

    private final String[] keys;
    private final double[] elapsed;
    private final int[] partition;
    private final LatencyOutliers[] states;
    private final List<String> current = new ArrayList<>();
    private final List<List<String>> passes = new ArrayList<>();

    /** @param workerOf the worker of item {@code i}, or null for one thread */
    OutlierReference(ItemCorpus corpus, int workers, IntUnaryOperator workerOf) {
        JsonMapper json = JsonMapper.builder().build();
        List<String> k = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            LatencyOutliers.Sample s = LatencyOutliers.sample(json.readTree(corpus.items()[i]));
            if (s != null) {
                k.add(s.key());
                e.add(s.elapsed());
                p.add(workerOf == null ? 0 : workerOf.applyAsInt(i));
            }
        }
        keys = k.toArray(String[]::new);
        elapsed = e.stream().mapToDouble(Double::doubleValue).toArray();
        partition = p.stream().mapToInt(Integer::intValue).toArray();
        states = new LatencyOutliers[workers];
        for (int w = 0; w < workers; w++) {
            states[w] = new LatencyOutliers(current::add);
        }
    }

    /** Items the hook looks at (HTTP with a response and an elapsed time of 0 or more). */
    int samples() {
        return keys.length;
    }

    /** The lines of pass {@code i} (0-based), sorted when there are several workers. */
    List<String> pass(int i) {
        while (passes.size() <= i) {
            current.clear();
            for (int s = 0; s < keys.length; s++) {
                states[partition[s]].observe(keys[s], elapsed[s]);
            }
            List<String> lines = new ArrayList<>(current);
            if (states.length > 1) {
                lines.sort(null);
            }
            passes.add(List.copyOf(lines));
        }
        return passes.get(i);
    }
}
