package dev.wasmperf.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * Paired comparison: candidate and reference measured in the same round, n rounds. The per-round log ratios
 * d_i = ln(candidate_i / reference_i) carry none of the machine's speed, only the difference between the builds plus
 * noise. The effect is the Hodges-Lehmann estimate (median of the Walsh averages (d_i + d_j) / 2, i &lt;= j) with the
 * interval obtained by inverting the Wilcoxon signed-rank test: [W(k), W(M+1-k)] over the M = n(n+1)/2 sorted Walsh
 * averages, k from the exact null distribution of the signed-rank statistic. Distribution-free for symmetric noise,
 * exact coverage at any n, and no resampling, so the same data always give the same interval (a percentile bootstrap
 * of a median at n=20 under-covers; see MedianConfidenceInterval).
 */
public final class SignedRank {

    /** Up to this many pairs the null distribution is computed exactly; beyond, the normal approximation is accurate. */
    static final int EXACT_UP_TO = 200;

    private SignedRank() {
    }

    /**
     * @param candidate values of the build under test, one per round
     * @param reference values of the reference build, the same rounds in the same order
     */
    public static Effect paired(double[] candidate, double[] reference, double confidence) {
        if (candidate.length != reference.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Paired values need one candidate and one reference "
                    + "value per round, got %d and %d; a round where either failed must be dropped for both.",
                    candidate.length, reference.length));
        }
        double[] d = new double[candidate.length];
        for (int i = 0; i < d.length; i++) {
            if (!(candidate[i] > 0) || !(reference[i] > 0)) {
                throw new IllegalArgumentException("Round " + (i + 1) + " has candidate " + candidate[i] + " and reference "
                        + reference[i] + "; a ratio needs positive values (times, sizes, counts)");
            }
            d[i] = Math.log(candidate[i] / reference[i]);
        }
        return ofLogDifferences(d, confidence);
    }

    /** The effect of log differences d (already paired), as a ratio. */
    public static Effect ofLogDifferences(double[] d, double confidence) {
        MedianConfidenceInterval.requireConfidence(confidence);
        int n = d.length;
        if (n < 6) {
            throw new IllegalArgumentException("A signed-rank interval at 95% needs at least 6 pairs, got " + n
                    + "; measure more rounds");
        }
        double[] walsh = new double[n * (n + 1) / 2];
        int w = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                walsh[w++] = (d[i] + d[j]) / 2;
            }
        }
        Arrays.sort(walsh);
        double estimate = Samples.quantileOfSorted(walsh, 0.5);
        int k = lowerRank(n, (1 - confidence) / 2);
        if (k < 1) {
            throw new IllegalArgumentException("Too few pairs (" + n + ") for a " + MedianConfidenceInterval.percent(confidence)
                    + " signed-rank interval; measure more rounds");
        }
        ConfidenceInterval ci = new ConfidenceInterval(Math.exp(walsh[k - 1]), Math.exp(walsh[walsh.length - k]), confidence);
        return new Effect(Math.exp(estimate), ci, pValue(d), n,
                "Hodges-Lehmann / Wilcoxon signed-rank on " + n + " paired log ratios");
    }

    /**
     * The rank k of the interval's lower Walsh average: one more than the largest c with P(T &lt;= c) &lt;= tail under
     * the null, where T is the signed-rank statistic of n pairs. 0 when even c = 0 exceeds the tail.
     */
    static int lowerRank(int n, double tail) {
        if (n > EXACT_UP_TO) {
            double mean = n * (n + 1) / 4.0;
            double sd = Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24);
            return (int) Math.floor(mean - StandardNormal.quantile(1 - tail) * sd);
        }
        double[] cdf = nullCdf(n);
        int c = -1;
        while (c + 1 < cdf.length && cdf[c + 1] <= tail) {
            c++;
        }
        return c + 1;
    }

    /** P(T &lt;= t) for t = 0..n(n+1)/2 under the null: each rank is positive with probability 1/2. */
    static double[] nullCdf(int n) {
        int max = n * (n + 1) / 2;
        double[] p = new double[max + 1];
        p[0] = 1;
        for (int rank = 1; rank <= n; rank++) {
            for (int t = max; t >= 0; t--) {
                p[t] = 0.5 * p[t] + (t >= rank ? 0.5 * p[t - rank] : 0);
            }
        }
        for (int t = 1; t <= max; t++) {
            p[t] += p[t - 1];
        }
        return p;
    }

    /**
     * Two-sided p-value of the signed-rank test: exact when no |d| ties and no zero differences, else the normal
     * approximation with zeros dropped, tie-corrected variance and a continuity correction.
     */
    static double pValue(double[] d) {
        double[] nonZero = Arrays.stream(d).filter(x -> x != 0).toArray();
        int n = nonZero.length;
        if (n == 0) {
            return 1;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(nonZero[a]), Math.abs(nonZero[b])));
        double positive = 0;
        double tieTerm = 0;
        boolean ties = false;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && Math.abs(nonZero[order[j + 1]]) == Math.abs(nonZero[order[i]])) {
                j++;
            }
            double midrank = (i + j + 2) / 2.0;
            int tied = j - i + 1;
            if (tied > 1) {
                ties = true;
                tieTerm += (double) tied * tied * tied - tied;
            }
            for (int k = i; k <= j; k++) {
                if (nonZero[order[k]] > 0) {
                    positive += midrank;
                }
            }
            i = j + 1;
        }
        if (!ties && n == d.length && n <= EXACT_UP_TO) {
            double[] cdf = nullCdf(n);
            int t = (int) Math.round(positive);
            double lower = cdf[t];
            double upper = 1 - (t > 0 ? cdf[t - 1] : 0);
            return Math.min(1, 2 * Math.min(lower, upper));
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24 - tieTerm / 48;
        if (variance <= 0) {
            return 1;
        }
        double z = Math.max(0, Math.abs(positive - mean) - 0.5) / Math.sqrt(variance);
        return StandardNormal.twoSidedPValue(z);
    }
}
