package dev.wasmperf.stats;

import java.util.Arrays;

/**
 * Hodges-Lehmann estimates of how far the current samples moved from the baseline: the median over all
 * (current, baseline) pairs. They use every sample rather than only the middle one, so at equal n they are
 * markedly less noisy than a difference (or ratio) of medians, while staying robust to outliers.
 */
public final class HodgesLehmann {

    private HodgesLehmann() {
    }

    /** Median of current_i - baseline_j over all pairs, in the samples' unit. */
    public static double shift(Samples current, Samples baseline) {
        double[] c = current.values();
        double[] b = baseline.values();
        double[] differences = new double[c.length * b.length];
        int k = 0;
        for (double x : c) {
            for (double y : b) {
                differences[k++] = x - y;
            }
        }
        Arrays.sort(differences);
        return Samples.quantileOfSorted(differences, 0.5);
    }

    /** Median of current_i / baseline_j over all pairs: the multiplicative form, for times, sizes and rates. */
    public static double ratio(Samples current, Samples baseline) {
        MedianConfidenceInterval.requirePositive(baseline, "baseline");
        double[] c = current.values();
        double[] b = baseline.values();
        double[] ratios = new double[c.length * b.length];
        int k = 0;
        for (double x : c) {
            for (double y : b) {
                ratios[k++] = x / y;
            }
        }
        Arrays.sort(ratios);
        return Samples.quantileOfSorted(ratios, 0.5);
    }
}
