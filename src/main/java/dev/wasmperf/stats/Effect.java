package dev.wasmperf.stats;

import dev.wasmperf.format.Numbers;

import java.util.Locale;

/**
 * How much one build differs from another on a metric, as a ratio (1.05 = 5% more), with a distribution-free
 * confidence interval and a p-value. Estimated on log values, so a slowdown of x and a speed-up of 1/x are
 * symmetric, and the ratio does not depend on the machine's absolute speed.
 *
 * @param ratio      point estimate: exp of the estimated log shift (median of paired log ratios, or Hodges-Lehmann unpaired)
 * @param ci         interval of that ratio
 * @param pValue     two-sided p-value of "no shift"; NaN for a deterministic comparison
 * @param n          pairs (paired) or current samples (unpaired)
 * @param method     how it was computed, for reports ("median of 20 paired log ratios, sign-test interval")
 */
public record Effect(double ratio, ConfidenceInterval ci, double pValue, int n, String method) {

    /** A deterministic measurement compared value against value: no noise, so the interval is the ratio itself. */
    public static Effect exact(double measured, double baseline, String method) {
        if (!(baseline > 0)) {
            throw new IllegalArgumentException("An exact ratio needs a positive baseline value, got " + baseline);
        }
        double ratio = measured / baseline;
        return new Effect(ratio, new ConfidenceInterval(ratio, ratio, MedianConfidenceInterval.DEFAULT_CONFIDENCE), Double.NaN, 1,
                method);
    }

    public boolean isExact() {
        return Double.isNaN(pValue);
    }

    /** ratio - 1: 0.05 for 5% more. */
    public double change() {
        return ratio - 1;
    }

    /** "+5.1% (95% CI +3.9%..+6.3%)", or "+5.1% (exact)". */
    public String describe() {
        return Numbers.signedPercent(change()) + (isExact() ? " (exact)"
                : " (" + MedianConfidenceInterval.percent(ci.confidence()) + " CI " + Numbers.signedPercent(ci.lower() - 1)
                + ".." + Numbers.signedPercent(ci.upper() - 1) + ", " + Numbers.pValue(pValue) + ")");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s [%s]", describe(), method);
    }
}
