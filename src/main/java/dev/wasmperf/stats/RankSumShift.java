package dev.wasmperf.stats;

import java.util.Arrays;

/**
 * Unpaired comparison of two independent sets of samples (this run against a stored baseline of the same machine
 * kind): the Hodges-Lehmann shift of the log values, median over all (current, baseline) pairs of
 * ln(current) - ln(baseline), with the interval from inverting the Mann-Whitney test: [D(k), D(mn+1-k)] over the mn
 * sorted pairwise differences, k from the exact null distribution of U for small samples, the normal approximation
 * beyond. Distribution-free when the two sets differ by a shift; uses every sample, not only the medians.
 */
public final class RankSumShift {

    /** Up to this many pairs (m * n) the null distribution of U is computed exactly. */
    static final int EXACT_UP_TO = 2500;

    private RankSumShift() {
    }

    public static Effect compare(Samples measured, Samples baseline, double confidence) {
        MedianConfidenceInterval.requireConfidence(confidence);
        MedianConfidenceInterval.requirePositive(measured, "measured");
        MedianConfidenceInterval.requirePositive(baseline, "baseline");
        double[] c = measured.values();
        double[] b = baseline.values();
        int m = c.length;
        int n = b.length;
        if (m < 4 || n < 4) {
            throw new IllegalArgumentException("A rank-sum interval needs at least 4 samples on each side, got " + m + " and " + n);
        }
        double[] differences = new double[m * n];
        int k = 0;
        for (double x : c) {
            for (double y : b) {
                differences[k++] = Math.log(x) - Math.log(y);
            }
        }
        Arrays.sort(differences);
        double estimate = Samples.quantileOfSorted(differences, 0.5);
        int rank = lowerRank(m, n, (1 - confidence) / 2);
        if (rank < 1) {
            throw new IllegalArgumentException("Too few samples (" + m + " and " + n + ") for a "
                    + MedianConfidenceInterval.percent(confidence) + " rank-sum interval");
        }
        ConfidenceInterval ci = new ConfidenceInterval(Math.exp(differences[rank - 1]),
                Math.exp(differences[differences.length - rank]), confidence);
        return new Effect(Math.exp(estimate), ci, MannWhitney.test(measured, baseline).pValue(), m,
                "Hodges-Lehmann / Mann-Whitney on " + m + " vs " + n + " log samples");
    }

    /** One more than the largest u with P(U &lt;= u) &lt;= tail under the null. */
    static int lowerRank(int m, int n, double tail) {
        if ((long) m * n > EXACT_UP_TO) {
            double mean = m * (double) n / 2;
            double sd = Math.sqrt(m * (double) n * (m + n + 1) / 12);
            return (int) Math.floor(mean - StandardNormal.quantile(1 - tail) * sd);
        }
        double[] cdf = nullCdf(m, n);
        int u = -1;
        while (u + 1 < cdf.length && cdf[u + 1] <= tail) {
            u++;
        }
        return u + 1;
    }

    /**
     * P(U &lt;= u) for u = 0..mn: U counts (first, second) pairs with first larger, for m and n samples of one
     * continuous distribution. Recurrence on the largest value: it belongs to the first sample (adding n to U) with
     * probability m / (m + n).
     */
    static double[] nullCdf(int m, int n) {
        double[][] previous = new double[n + 1][];
        for (int j = 0; j <= n; j++) {
            previous[j] = new double[] {1}; // zero samples in the first set: U = 0
        }
        for (int i = 1; i <= m; i++) {
            double[][] current = new double[n + 1][];
            current[0] = new double[] {1};
            for (int j = 1; j <= n; j++) {
                double[] p = new double[i * j + 1];
                double fromFirst = i / (double) (i + j);
                double[] a = previous[j];      // (i-1, j): the largest was the first set's, U grows by j
                double[] b = current[j - 1];   // (i, j-1): the largest was the second set's
                for (int u = 0; u < a.length; u++) {
                    p[u + j] += fromFirst * a[u];
                }
                for (int u = 0; u < b.length; u++) {
                    p[u] += (1 - fromFirst) * b[u];
                }
                current[j] = p;
            }
            previous = current;
        }
        double[] p = previous[n];
        for (int u = 1; u < p.length; u++) {
            p[u] += p[u - 1];
        }
        return p;
    }
}
