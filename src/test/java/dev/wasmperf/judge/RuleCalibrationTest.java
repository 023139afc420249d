package dev.wasmperf.judge;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.stats.Effect;
import dev.wasmperf.stats.PairedMedian;
import dev.wasmperf.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paired rule as deployed, on simulated runs: the shipped tolerances and round counts (suite.properties without
 * -D overrides: a short CI run with fewer rounds does not change what the default promises), the
 * sign-test interval of the median per-round ratio, and the extra rounds an undecided timing gets. The noise models follow what these VMs do
 * (README "Noise"): every run's speed moves with the whole machine (shared by both builds of a round, and shifted between
 * runs), and on top each process lands in a full- or a half-speed spell of its own. Detection and false-alarm rates are
 * printed for the notes and asserted where the suite promises them.
 */
class RuleCalibrationTest {

    private static final int RUNS = 2000;
    private static final SuiteConfig CONFIG = SuiteConfig.shipped();
    private static final int ROUNDS = CONFIG.integer("perf.rounds", 6);
    private static final int MAX_ROUNDS = CONFIG.integer("perf.rounds.max", 6);
    private static final double CONFIDENCE = CONFIG.decimal("perf.confidence", 0.5, 0.999);

    /** Log of one process's slowdown from noise of its own. */
    private interface Noise extends ToDoubleFunction<SplittableRandom> {
    }

    /**
     * CPU per inference of one build in the shared steady run (all builds of a variant on one CPU, taking turns): within
     * about 1% of the others (A/A per-round ratios -2.3%..+1.4% on the Zen 4 VM), and, to be safe, one process in twenty
     * 2-10% off (a turn of the scheduler that favoured one side for longer than usual).
     */
    private static final Noise STEADY = r -> r.nextGaussian() * 0.008 + (r.nextDouble() < 0.05 ? 0.02 + 0.08 * r.nextDouble() : 0);

    /** A 30-80 ms process: about one in four spends a good part of its life in a slow spell. */
    private static final Noise COLD = r -> r.nextGaussian() * 0.03 + (r.nextDouble() < 0.25 ? 0.2 + r.nextGaussian() * 0.1 : 0);

    /** The share of simulated runs whose verdict is REGRESSED (or IMPROVED, for a faster candidate). */
    private static double rate(Noise noise, Metric metric, double trueRatio, Verdict wanted, long seed) {
        double tolerance = JudgeSettings.from(CONFIG).tolerances().of(metric, false).orElseThrow();
        SplittableRandom random = new SplittableRandom(seed);
        int hits = 0;
        for (int run = 0; run < RUNS; run++) {
            double machine = random.nextGaussian() * 0.3; // this run's machine: up to 2x faster or slower, both builds alike
            double[] c = new double[MAX_ROUNDS];
            double[] r = new double[MAX_ROUNDS];
            for (int i = 0; i < MAX_ROUNDS; i++) {
                double round = machine + random.nextGaussian() * 0.05; // the round's machine, shared
                c[i] = 24 * trueRatio * Math.exp(round + noise.applyAsDouble(random));
                r[i] = 24 * Math.exp(round + noise.applyAsDouble(random));
            }
            Finding first = finding(metric, java.util.Arrays.copyOf(c, ROUNDS), java.util.Arrays.copyOf(r, ROUNDS), tolerance);
            Finding last = first.undecided() ? finding(metric, c, r, tolerance) : first;
            if (last.verdict() == wanted) {
                hits++;
            }
        }
        return hits / (double) RUNS;
    }

    private static Finding finding(Metric metric, double[] c, double[] r, double tolerance) {
        Effect effect = PairedMedian.paired(c, r, CONFIDENCE);
        return new Finding(Basis.PAIRED, "x", "x", BuildRole.CANDIDATE, metric, effect, tolerance, Judge.verdict(effect, tolerance), "",
                0, 0, "", "");
    }

    private static void print(String what, double rate) {
        System.out.println(String.format(Locale.ROOT, "[calibration] %-58s %6.2f%% of %d simulated runs", what, 100 * rate, RUNS));
    }

    @Test
    void steadyStateFlagsAFivePercentSlowdownAndNotTheSameBuild() {
        double falseAlarm = rate(STEADY, Metric.STEADY_CPU, 1.0, Verdict.REGRESSED, 1)
                + rate(STEADY, Metric.STEADY_CPU, 1.0, Verdict.IMPROVED, 2);
        double plus2 = rate(STEADY, Metric.STEADY_CPU, 1.02, Verdict.REGRESSED, 3);
        double plus5 = rate(STEADY, Metric.STEADY_CPU, 1.05, Verdict.REGRESSED, 4);
        double plus10 = rate(STEADY, Metric.STEADY_CPU, 1.10, Verdict.REGRESSED, 5);
        print("steady-state CPU per inference, same build: false alarms", falseAlarm);
        print("steady-state CPU per inference, +2%: REGRESSED", plus2);
        print("steady-state CPU per inference, +5%: REGRESSED", plus5);
        print("steady-state CPU per inference, +10%: REGRESSED", plus10);

        assertThat(falseAlarm).as("false alarms on the same build").isLessThan(0.005);
        assertThat(plus5).as("detection of +5%").isGreaterThan(0.95);
        assertThat(plus10).as("detection of +10%").isGreaterThan(0.99);
    }

    @Test
    void coldStartRarelyFlagsTheSameBuildAndCatchesLargeSlowdowns() {
        double falseAlarm = rate(COLD, Metric.COLD_START, 1.0, Verdict.REGRESSED, 11)
                + rate(COLD, Metric.COLD_START, 1.0, Verdict.IMPROVED, 12);
        double plus5 = rate(COLD, Metric.COLD_START, 1.05, Verdict.REGRESSED, 13);
        double plus10 = rate(COLD, Metric.COLD_START, 1.10, Verdict.REGRESSED, 14);
        double plus20 = rate(COLD, Metric.COLD_START, 1.20, Verdict.REGRESSED, 15);
        print("cold start, same build: false alarms", falseAlarm);
        print("cold start, +5%: REGRESSED", plus5);
        print("cold start, +10%: REGRESSED", plus10);
        print("cold start, +20%: REGRESSED", plus20);

        assertThat(falseAlarm).as("false alarms on the same build").isLessThan(0.005);
        assertThat(plus20).as("detection of +20%").isGreaterThan(0.95);
    }

    @Test
    void aFasterBuildIsImprovedNotRegressed() {
        assertThat(rate(STEADY, Metric.STEADY_CPU, 0.9, Verdict.IMPROVED, 21)).isGreaterThan(0.99);
        assertThat(rate(STEADY, Metric.STEADY_CPU, 0.9, Verdict.REGRESSED, 22)).isZero();
    }
}
