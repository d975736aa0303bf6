package io.covey.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of a sample: the harness quotes medians and spreads, never one lone time. */
public final class Stats {
    private final List<Double> sorted;

    public Stats(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
    }

    public double median() {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public double min() {
        return sorted.get(0);
    }

    public double max() {
        return sorted.get(sorted.size() - 1);
    }

    /** The nearest-rank quantile, {@code q} in (0, 1]. */
    public double quantile(double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public int count() {
        return sorted.size();
    }
}
