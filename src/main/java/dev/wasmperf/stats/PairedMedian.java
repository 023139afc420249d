package dev.wasmperf.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * Paired comparison by the median of the per-round log ratios: candidate and reference measured in the same round, n
 * rounds. The per-round log ratios d_i = ln(candidate_i / reference_i) carry none of the machine's speed, only the
 * difference between the builds plus noise. The effect is exp(median d) with the exact distribution-free interval of
 * the median, [d(k), d(n+1-k)] from the binomial (MedianConfidenceInterval), and the two-sided sign test's p-value.
 *
 * <p>Why the sign test and not the Wilcoxon signed-rank interval: on these VMs a few rounds in twenty have one side in
 * a half-speed spell, a ratio far off the rest. The signed-rank interval is built from the Walsh averages
 * (d_i + d_j) / 2, which carry those outliers into its bounds; the sign test's bounds are order statistics of the
 * ratios themselves, which outliers in fewer than k rounds on one side never reach (README, "Noise", has the two side by
 * side on the same rounds). It also needs no symmetry of the noise, and its coverage is exact at any n.
 */
public final class PairedMedian {

    private PairedMedian() {
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
        Samples logs = Samples.of("log ratio", d);
        ConfidenceInterval ci = MedianConfidenceInterval.of(logs, confidence);
        return new Effect(Math.exp(logs.median()), new ConfidenceInterval(Math.exp(ci.lower()), Math.exp(ci.upper()), confidence),
                signTestP(d), d.length, "median of " + d.length + " paired log ratios, sign-test interval");
    }

    /** Two-sided exact sign test of "median log ratio 0": rounds with no difference are dropped. */
    static double signTestP(double[] d) {
        long above = Arrays.stream(d).filter(x -> x > 0).count();
        long below = Arrays.stream(d).filter(x -> x < 0).count();
        int n = (int) (above + below);
        if (n == 0) {
            return 1;
        }
        long fewer = Math.min(above, below);
        double tail = 0;
        for (int k = 0; k <= fewer; k++) {
            tail += Math.exp(logChoose(n, k) - n * Math.log(2));
        }
        return Math.min(1, 2 * tail);
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
