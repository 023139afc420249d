package dev.wasmperf.stats;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guarantees the issue asks of the verdict rule, measured over many seeds of synthetic noise at the default
 * sample size: unchanged code is flagged at most 1% of the time, a 10% regression at least 95% of the time.
 * Seeds are fixed, so the measured rates (printed for the closing note) are reproducible.
 */
class VerdictRuleCalibrationTest {

    private static final int SEEDS = 2000;
    private static final int N = VerdictRule.DEFAULT_SAMPLES;
    private static final double TRUE_MEDIAN_MS = 100;
    private static final double TRUE_RATE = 10;
    /** The scenario: a 10% shift must be caught with a tolerance below it. */
    private static final double SHIFT = 1.10;
    private static final double TOLERANCE = 0.05;
    private static final NoisyMachine MACHINE = NoisyMachine.SHARED_CI_RUNNER;
    private static final VerdictRule RULE = VerdictRule.defaults();

    @Test
    @DisplayName("identical distributions are flagged REGRESSED in at most 1% of seeds (and IMPROVED in at most 1%)")
    void falseAlarmRateOnUnchangedCode() {
        Rates rates = run(Tolerance.lowerIsBetter(TOLERANCE), 1.0, false, c -> false);

        report("identical distributions", rates);
        assertThat(rates.regressed()).as("false REGRESSED rate").isLessThanOrEqualTo(0.01);
        assertThat(rates.improved()).as("false IMPROVED rate").isLessThanOrEqualTo(0.01);
    }

    @Test
    @DisplayName("a 10% slowdown against a 5% tolerance is flagged REGRESSED in at least 95% of seeds")
    void detectionRateOfATenPercentSlowdown() {
        Tolerance tolerance = Tolerance.lowerIsBetter(TOLERANCE);
        Rates rates = run(tolerance, SHIFT, false, c -> c.ratioCi().isAbove(1 + TOLERANCE));

        report("10% slowdown", rates);
        assertThat(rates.regressed()).as("detection rate").isGreaterThanOrEqualTo(0.95);
        assertThat(rates.improved()).as("slowdown reported as IMPROVED").isZero();
    }

    @Test
    @DisplayName("a 10% throughput drop (higher is better) is flagged REGRESSED in at least 95% of seeds")
    void detectionRateOfAThroughputDrop() {
        // Runs that take 10% longer: 1/1.1 of the rate, a 9.1% drop, with outliers now on the low side.
        Rates rates = run(Tolerance.higherIsBetter(TOLERANCE), 1 / SHIFT, true, c -> c.ratioCi().isBelow(1 - TOLERANCE));

        report("10% throughput drop", rates);
        assertThat(rates.regressed()).as("detection rate").isGreaterThanOrEqualTo(0.95);
        assertThat(rates.improved()).as("drop reported as IMPROVED").isZero();
    }

    private static Rates run(Tolerance tolerance, double shift, boolean rates, Predicate<Comparison> stricterRule) {
        int regressed = 0;
        int improved = 0;
        int stricter = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Samples baseline = rates ? MACHINE.measureRate("runs/s", TRUE_RATE, N, random)
                    : MACHINE.measure("ms", TRUE_MEDIAN_MS, N, random);
            Samples current = rates ? MACHINE.measureRate("runs/s", TRUE_RATE * shift, N, random)
                    : MACHINE.measure("ms", TRUE_MEDIAN_MS * shift, N, random);
            Comparison comparison = RULE.compare("synthetic", baseline, current, tolerance, random);
            regressed += comparison.verdict() == Verdict.REGRESSED ? 1 : 0;
            improved += comparison.verdict() == Verdict.IMPROVED ? 1 : 0;
            stricter += comparison.verdict() == Verdict.REGRESSED && stricterRule.test(comparison) ? 1 : 0;
        }
        return new Rates((double) regressed / SEEDS, (double) improved / SEEDS, (double) stricter / SEEDS);
    }

    private static void report(String scenario, Rates rates) {
        System.out.printf(Locale.ROOT, "calibration, %s: n=%d per side, %d seeds, tolerance %s, alpha %s, %s, "
                        + "noise %.0f%% lognormal + %.0f%% outliers x%.2f: REGRESSED %.1f%%, IMPROVED %.1f%%, "
                        + "REGRESSED if the CI had to clear the tolerance %.1f%%%n",
                scenario, N, SEEDS, MedianConfidenceInterval.percent(TOLERANCE), RULE.alpha(),
                MedianConfidenceInterval.percent(RULE.confidence()) + " bootstrap CI x" + RULE.resamples(),
                MACHINE.noise() * 100, MACHINE.outlierProbability() * 100, MACHINE.outlierFactor(),
                rates.regressed() * 100, rates.improved() * 100, rates.stricterRegressed() * 100);
    }

    private record Rates(double regressed, double improved, double stricterRegressed) {
    }
}
