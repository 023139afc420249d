package dev.wasmperf.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * Confidence intervals for medians.
 *
 * <p>For one sample we use the exact, distribution-free interval [X(k), X(n+1-k)] from order statistics rather
 * than a bootstrap: at the small n a CI budget allows (10-30 runs), the percentile bootstrap of a median can only
 * return a handful of distinct order statistics and under-covers by an amount that depends on the unknown
 * distribution, whereas the binomial interval covers at least the nominal level for every continuous
 * distribution, needs no resampling and no seed, so the same samples always give the same interval.
 */
public final class MedianConfidenceInterval {

    public static final double DEFAULT_CONFIDENCE = 0.95;

    private MedianConfidenceInterval() {
    }

    /**
     * 1-based ranks of the order statistics bounding the interval, and the coverage they actually achieve
     * (at least the requested confidence, usually a little more because the binomial is discrete).
     */
    public record Ranks(int lower, int upper, double coverage) {
    }

    /** The exact distribution-free interval of the median at the default 95% confidence. */
    public static ConfidenceInterval of(Samples samples) {
        return of(samples, DEFAULT_CONFIDENCE);
    }

    public static ConfidenceInterval of(Samples samples, double confidence) {
        Ranks ranks = ranks(samples.n(), confidence);
        return new ConfidenceInterval(samples.orderStatistic(ranks.lower()), samples.orderStatistic(ranks.upper()), confidence);
    }

    /**
     * The narrowest symmetric pair of ranks with coverage >= confidence. [X(k), X(n+1-k)] misses the median
     * exactly when at most k-1 samples fall on one side of it, so its coverage is 1 - 2 P(B <= k-1), B ~ Bin(n, 1/2).
     */
    public static Ranks ranks(int n, double confidence) {
        requireConfidence(confidence);
        if (n < 1) {
            throw new IllegalArgumentException("A confidence interval of the median needs at least one sample, got n=" + n);
        }
        double below = 0;   // P(B <= k-1), accumulated as k grows
        int best = 0;
        double bestCoverage = 0;
        for (int k = 1; k <= (n + 1) / 2; k++) {
            below += binomialHalfPmf(n, k - 1);
            double coverage = 1 - 2 * below;
            if (coverage < confidence) {
                break;
            }
            best = k;
            bestCoverage = coverage;
        }
        if (best == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "A %s confidence interval of the median needs at least %d samples, got n=%d: even [min, max] covers "
                            + "the median only with probability %.4f. Take more samples or lower the confidence.",
                    percent(confidence), minimumSampleSize(confidence), n, 1 - 2 * Math.pow(0.5, n)));
        }
        return new Ranks(best, n + 1 - best, bestCoverage);
    }

    /** Smallest n for which [min, max] reaches the confidence: 1 - 2 (1/2)^n >= confidence. */
    public static int minimumSampleSize(double confidence) {
        requireConfidence(confidence);
        int n = 1;
        while (1 - 2 * Math.pow(0.5, n) < confidence) {
            n++;
        }
        return n;
    }

    /** C(n, k) / 2^n, in log space so that large n does not underflow 2^-n. */
    private static double binomialHalfPmf(int n, int k) {
        double logChoose = 0;
        for (int i = 1; i <= k; i++) {
            logChoose += Math.log((double) (n - k + i) / i);
        }
        return Math.exp(logChoose - n * Math.log(2));
    }

    static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("Confidence must be strictly between 0 and 1 (e.g. 0.95), got " + confidence);
        }
    }

    static void requirePositive(Samples samples, String side) {
        if (samples.min() <= 0) {
            throw new IllegalArgumentException("Ratios need positive " + side + " samples (times, sizes, rates), but the "
                    + side + " samples of '" + samples.unit() + "' include " + samples.min());
        }
    }

    static String percent(double fraction) {
        // Decimal arithmetic so 0.07 prints as 7%, not 7.000000000000001%.
        return java.math.BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
