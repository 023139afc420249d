package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictRuleTest {

    private static final VerdictRule RULE = VerdictRule.defaults();
    private static final Tolerance FIVE_PERCENT = Tolerance.lowerIsBetter(0.05);

    /** 20 tightly clustered values, 100.0 .. 101.9: any shift of a few percent separates them completely. */
    private static double[] tight(double scale) {
        double[] values = new double[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = (100 + 0.1 * i) * scale;
        }
        return values;
    }

    private static Comparison compare(double[] baseline, double[] current, Tolerance tolerance) {
        return RULE.compare("native cold start", Samples.of("ms", baseline), Samples.of("ms", current), tolerance,
                new SplittableRandom(42));
    }

    @Test
    void aSignificantChangeBeyondTheToleranceRegresses() {
        Comparison comparison = compare(tight(1), tight(1.10), FIVE_PERCENT);

        assertThat(comparison.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(comparison.ratio()).isEqualTo(1.10, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(comparison.pValue()).isLessThan(0.001);
        assertThat(comparison.ratioCi().lower()).isGreaterThan(1);
    }

    @Test
    void aSignificantChangeWithinTheToleranceIsUnchanged() {
        Comparison comparison = compare(tight(1), tight(1.03), FIVE_PERCENT);

        assertThat(comparison.pValue()).isLessThan(0.001);
        assertThat(comparison.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aChangeBeyondTheToleranceThatNoiseExplainsIsUnchanged() {
        // Spread +-40% around 100: an 8% shift of the median is not distinguishable from noise at n=20.
        double[] wide = new double[20];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = 60 + i * 80.0 / 19;
        }
        double[] shifted = wide.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] *= 1.08;
        }

        Comparison comparison = compare(wide, shifted, FIVE_PERCENT);

        assertThat(comparison.ratio()).isGreaterThan(1.05);
        assertThat(comparison.pValue()).isGreaterThan(RULE.alpha());
        assertThat(comparison.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aSignificantImprovementBeyondTheToleranceIsImproved() {
        assertThat(compare(tight(1), tight(0.90), FIVE_PERCENT).verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void forThroughputADropRegressesAndARiseImproves() {
        Tolerance throughput = Tolerance.higherIsBetter(0.05);

        assertThat(compare(tight(1), tight(0.90), throughput).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(compare(tight(1), tight(1.10), throughput).verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void theSameSeedGivesTheSameComparison() {
        assertThat(compare(tight(1), tight(1.04), FIVE_PERCENT)).isEqualTo(compare(tight(1), tight(1.04), FIVE_PERCENT));
    }

    @Test
    void refusesToCompareDifferentUnits() {
        assertThatThrownBy(() -> RULE.compare("native peak RSS", Samples.of("KiB", 1, 2), Samples.of("MiB", 1, 2),
                FIVE_PERCENT, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseline is in 'KiB' but the current samples are in 'MiB'");
    }

    @Test
    void explainsTheComparisonInOneLine() {
        Comparison comparison = new Comparison("wasmtime-jit cold start", "ms", Samples.of("ms", 430.1),
                Samples.of("ms", 512.0), 512.0 / 430.1, new ConfidenceInterval(1.121, 1.253, 0.95), 0.0004,
                Tolerance.lowerIsBetter(0.10), Verdict.REGRESSED);

        assertThat(comparison.explain()).isEqualTo("wasmtime-jit cold start: 512.0 ms vs baseline 430.1 ms "
                + "(+19.0%, 95% CI +12.1%..+25.3%, p=0.0004), tolerance 10%: REGRESSED");
    }

    @Test
    void explainsATinyPValueAndASmallRatioReadably() {
        Comparison comparison = new Comparison("wasmer-aot cold start", RatioToNative.UNIT,
                Samples.of(RatioToNative.UNIT, 1.234), Samples.of(RatioToNative.UNIT, 1.1), 1.1 / 1.234,
                new ConfidenceInterval(0.85, 0.93, 0.95), 1e-7, Tolerance.lowerIsBetter(0.05), Verdict.IMPROVED);

        assertThat(comparison.explain()).isEqualTo("wasmer-aot cold start: 1.100 x native vs baseline 1.234 x native "
                + "(-10.9%, 95% CI -15.0%..-7.0%, p<0.0001), tolerance 5%: IMPROVED");
    }

    @Test
    void sizesCompareExactlyWithZeroTolerance() {
        Tolerance exact = Tolerance.lowerIsBetter(0);

        Comparison grew = VerdictRule.compareExact("classifier.wasm size", "bytes", 1_000_000, 1_000_001, exact);

        assertThat(grew.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(grew.isExact()).isTrue();
        assertThat(grew.explain()).isEqualTo("classifier.wasm size: 1000001 bytes vs baseline 1000000 bytes "
                + "(+0.0%, exact), tolerance 0%: REGRESSED");
        assertThat(VerdictRule.compareExact("s", "bytes", 1000, 1000, exact).verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(VerdictRule.compareExact("s", "bytes", 1000, 999, exact).verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void sizesWithinASmallToleranceAreUnchangedUpToTheBoundary() {
        Tolerance onePercent = Tolerance.lowerIsBetter(0.01);

        assertThat(VerdictRule.compareExact("s", "bytes", 1000, 1010, onePercent).verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(VerdictRule.compareExact("s", "bytes", 1000, 1011, onePercent).verdict()).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    void exactComparisonNeedsAPositiveBaseline() {
        assertThatThrownBy(() -> VerdictRule.compareExact("s", "bytes", 0, 10, Tolerance.lowerIsBetter(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive baseline");
    }

    @Test
    void rejectsAnAlphaOutsideZeroToOne() {
        assertThatThrownBy(() -> new VerdictRule(0, 0.95, 2000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
    }
}
