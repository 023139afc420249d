package dev.wasmperf.stats;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Turns current samples and baseline samples of one metric into a {@link Verdict}.
 *
 * <p>REGRESSED needs all three of:
 * <ol>
 *   <li>the ratio of medians is worse than the baseline by more than the tolerance (the change matters),</li>
 *   <li>the Mann-Whitney p-value is below alpha (the samples really differ), and</li>
 *   <li>the bootstrap confidence interval of the ratio lies wholly on the worse side of 1 (the medians really differ,
 *       in that direction).</li>
 * </ol>
 * IMPROVED is the mirror image; anything else is UNCHANGED.
 *
 * <p>Why the interval must clear 1 and not 1 + tolerance: that stricter rule asks for proof that the change is
 * <em>surely larger</em> than the tolerance. With ~5% run-to-run noise at n=20 the ratio's interval is about +-4% wide,
 * so the stricter rule catches a 10% slowdown against a 5% tolerance in only ~60% of cases. Asking instead for the
 * point estimate beyond the tolerance plus a change that is real in that direction catches it in 97%, and unchanged
 * code is still flagged in only 0.3% (both measured by VerdictRuleCalibrationTest, which prints the rates).
 *
 * @param alpha      significance level of the Mann-Whitney test
 * @param confidence confidence of the ratio's interval
 * @param resamples  bootstrap resamples for that interval
 */
public record VerdictRule(double alpha, double confidence, int resamples) {

    /**
     * Samples per side the defaults are calibrated for: with 5% noise and occasional 30% outliers, unchanged code is
     * flagged in 0.3% of cases and a 10% shift against a 5% tolerance in 97% (VerdictRuleCalibrationTest). At 15 the
     * Mann-Whitney test runs short of power and only 88.5% of such shifts are caught; 25 would catch 99%.
     */
    public static final int DEFAULT_SAMPLES = 20;
    /** Strict, because one build runs ~30 variant x metric checks and their false alarms add up. */
    public static final double DEFAULT_ALPHA = 0.01;
    public static final double DEFAULT_CONFIDENCE = MedianConfidenceInterval.DEFAULT_CONFIDENCE;
    /** Enough for stable 2.5% / 97.5% percentiles; about 2 ms per comparison at n=20. */
    public static final int DEFAULT_RESAMPLES = 2000;

    public VerdictRule {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be strictly between 0 and 1 (e.g. 0.01), got " + alpha);
        }
        MedianConfidenceInterval.requireConfidence(confidence);
        if (resamples < 100) {
            throw new IllegalArgumentException("The ratio's bootstrap needs at least 100 resamples, got " + resamples);
        }
    }

    public static VerdictRule defaults() {
        return new VerdictRule(DEFAULT_ALPHA, DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES);
    }

    /**
     * Compares noisy samples (times, RSS, throughput, or per-round ratios to native) with the baseline's.
     * The random source only drives the bootstrap; pass one seeded from something stable for reproducible verdicts.
     */
    public Comparison compare(String metric, Samples baseline, Samples current, Tolerance tolerance, SplittableRandom random) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(tolerance, "tolerance");
        requireSameUnit(metric, baseline, current);
        double ratio = current.median() / baseline.median();
        ConfidenceInterval ratioCi = MedianConfidenceInterval.bootstrapRatioOfMedians(current, baseline, confidence,
                resamples, random);
        double p = MannWhitney.test(current, baseline).pValue();
        boolean significant = p < alpha;
        Verdict verdict;
        if (tolerance.isWorseBeyond(ratio) && significant && tolerance.isWhollyWorse(ratioCi)) {
            verdict = Verdict.REGRESSED;
        } else if (tolerance.isBetterBeyond(ratio) && significant && tolerance.isWhollyBetter(ratioCi)) {
            verdict = Verdict.IMPROVED;
        } else {
            verdict = Verdict.UNCHANGED;
        }
        return new Comparison(metric, current.unit(), baseline, current, ratio, ratioCi, p, tolerance, verdict);
    }

    /**
     * Compares a deterministic value (a file size in bytes) exactly: any change beyond the tolerance counts, and a
     * tolerance of 0 flags every byte. There is no noise, so there is no test and the interval is the ratio itself.
     */
    public static Comparison compareExact(String metric, String unit, double baseline, double current, Tolerance tolerance) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(tolerance, "tolerance");
        Samples baselineSample = Samples.of(unit, baseline);
        Samples currentSample = Samples.of(unit, current);
        MedianConfidenceInterval.requirePositive(baselineSample, "baseline");
        double ratio = current / baseline;
        Verdict verdict = tolerance.isWorseBeyond(ratio) ? Verdict.REGRESSED
                : tolerance.isBetterBeyond(ratio) ? Verdict.IMPROVED
                : Verdict.UNCHANGED;
        return new Comparison(metric, unit, baselineSample, currentSample, ratio,
                new ConfidenceInterval(ratio, ratio, DEFAULT_CONFIDENCE), Double.NaN, tolerance, verdict);
    }

    private static void requireSameUnit(String metric, Samples baseline, Samples current) {
        if (!baseline.unit().equals(current.unit())) {
            throw new IllegalArgumentException("Cannot compare " + metric + ": the baseline is in '" + baseline.unit()
                    + "' but the current samples are in '" + current.unit() + "'. Convert one of them, or update the "
                    + "baseline if the metric's unit changed on purpose.");
        }
    }
}
