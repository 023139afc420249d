package dev.wasmperf.stats;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test: do the first samples tend to be larger or smaller than the
 * second? Rank-based, so a few slow outlier runs on a busy machine cannot dominate it the way they dominate a t-test.
 *
 * <p>The p-value uses the normal approximation with tie-corrected variance and a continuity correction. For n >= 8
 * per side (no ties) it is within 0.006 of the exact permutation p-value wherever that is below 0.2, and where the
 * exact p is below 0.05 it errs on the conservative side (n = 8, U = 7: exact 0.0070, approximation 0.0101; both
 * checked in MannWhitneyTest). Below 8 per side it is only a rough guide.
 *
 * @param u       U of the first sample: the number of (first, second) pairs where first is larger, ties counting 1/2
 * @param z       continuity-corrected standard score of U; positive when the first sample tends to be larger
 * @param pValue  two-sided p-value
 */
public record MannWhitney(double u, double z, double pValue) {

    /** The sample size per side from which the normal approximation is accurate enough (see the class comment). */
    public static final int MINIMUM_SAMPLES_PER_SIDE = 8;

    public static MannWhitney test(Samples first, Samples second) {
        double[] a = first.values();
        double[] b = second.values();
        int n1 = a.length;
        int n2 = b.length;
        double rankSumFirst = 0;
        double tieTerm = 0;   // sum over tie groups of t^3 - t
        int i = 0;
        int j = 0;
        int ranked = 0;
        // Both arrays are sorted, so merging them visits the pooled values in rank order, one tie group at a time.
        while (i < n1 || j < n2) {
            double value = Math.min(i < n1 ? a[i] : Double.POSITIVE_INFINITY, j < n2 ? b[j] : Double.POSITIVE_INFINITY);
            int fromFirst = 0;
            while (i < n1 && a[i] == value) {
                i++;
                fromFirst++;
            }
            int fromSecond = 0;
            while (j < n2 && b[j] == value) {
                j++;
                fromSecond++;
            }
            int tied = fromFirst + fromSecond;
            double midrank = ranked + (tied + 1) / 2.0;
            rankSumFirst += fromFirst * midrank;
            tieTerm += (double) tied * tied * tied - tied;
            ranked += tied;
        }
        double u = rankSumFirst - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2.0;
        int total = n1 + n2;
        double variance = n1 * (double) n2 / 12.0 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
        if (variance <= 0) {
            return new MannWhitney(u, 0, 1);   // every value tied: no evidence either way
        }
        double deviation = u - mean;
        double z = Math.signum(deviation) * Math.max(0, Math.abs(deviation) - 0.5) / Math.sqrt(variance);
        return new MannWhitney(u, z, StandardNormal.twoSidedPValue(z));
    }
}
