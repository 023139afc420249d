package dev.wasmperf.stats;

import java.util.Locale;
import java.util.Objects;

/**
 * One metric compared with its baseline: the evidence and the verdict drawn from it.
 *
 * @param ratio   median(current) / median(baseline)
 * @param ratioCi confidence interval of that ratio (a single point for exactly compared metrics)
 * @param pValue  two-sided Mann-Whitney p-value; NaN for exactly compared metrics, where there is no noise to test
 */
public record Comparison(String metric, String unit, Samples baseline, Samples current, double ratio,
                         ConfidenceInterval ratioCi, double pValue, Tolerance tolerance, Verdict verdict) {

    public Comparison {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(ratioCi, "ratioCi");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** current / baseline - 1, e.g. 0.19 for 19% more. */
    public double relativeChange() {
        return ratio - 1;
    }

    /** True for deterministic metrics (sizes) compared value against value, without a statistical test. */
    public boolean isExact() {
        return Double.isNaN(pValue);
    }

    /**
     * One line for logs and failure messages, e.g. "wasmtime-jit cold start: 512.0 ms vs baseline 430.1 ms
     * (+19.0%, 95% CI +12.1%..+25.3%, p=0.0004), tolerance 10%: REGRESSED".
     */
    public String explain() {
        String evidence = isExact()
                ? "exact"
                : MedianConfidenceInterval.percent(ratioCi.confidence()) + " CI " + signedPercent(ratioCi.lower() - 1)
                        + ".." + signedPercent(ratioCi.upper() - 1) + ", " + pValueText(pValue);
        return metric + ": " + number(current.median()) + " " + unit + " vs baseline " + number(baseline.median()) + " "
                + unit + " (" + signedPercent(relativeChange()) + ", " + evidence + "), tolerance " + tolerance + ": "
                + verdict;
    }

    private static String signedPercent(double change) {
        return String.format(Locale.ROOT, "%+.1f%%", change * 100);
    }

    private static String pValueText(double p) {
        return p < 0.0001 ? "p<0.0001" : String.format(Locale.ROOT, "p=%.4f", p);
    }

    /** About four significant digits at any magnitude; large values (byte counts) without decimals. */
    private static String number(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 1000 ? "%.0f" : magnitude >= 100 ? "%.1f" : magnitude >= 10 ? "%.2f"
                : magnitude >= 1 ? "%.3f" : "%.4g";
        return String.format(Locale.ROOT, format, value);
    }
}
