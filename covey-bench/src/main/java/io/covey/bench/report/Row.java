package io.covey.bench.report;

import java.util.List;

/**
 * One line of the results table.
 *
 * @param scenario   what was measured
 * @param unit       ms, events/s, MiB
 * @param samples    the raw samples, in the order they were taken
 * @param reference  what the median is compared with ("floor: bare JVM x1"), or null for an absolute target
 * @param refMedian  the reference's median from the same run, or NaN
 * @param target     the target as written in the issue
 * @param met        whether the target is met, or null when it does not apply (a reference figure)
 * @param note       how to read it
 */
public record Row(String scenario, String unit, List<Double> samples, String reference, double refMedian,
                  String target, Boolean met, String note) {

    public Stats stats() {
        return new Stats(samples);
    }

    /** The median over the reference's median, or NaN without a reference. */
    public double ratio() {
        return Double.isNaN(refMedian) || refMedian == 0 ? Double.NaN : stats().median() / refMedian;
    }
}
