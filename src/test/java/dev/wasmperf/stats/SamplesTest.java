package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SamplesTest {

    // Sorted: 1 2 3 5 7 8 9 11 (n=8, sum 46).
    private final Samples eight = Samples.of("ms", 7, 1, 3, 9, 5, 11, 2, 8);

    @Test
    void keepsASortedCopyWithItsUnit() {
        assertThat(eight.values()).containsExactly(1, 2, 3, 5, 7, 8, 9, 11);
        assertThat(eight.unit()).isEqualTo("ms");
        assertThat(eight.n()).isEqualTo(8);
        assertThat(eight.min()).isEqualTo(1);
        assertThat(eight.max()).isEqualTo(11);
        assertThat(eight.orderStatistic(3)).isEqualTo(3);
    }

    @Test
    void medianOfAnEvenCountAveragesTheMiddlePair() {
        // (5 + 7) / 2
        assertThat(eight.median()).isEqualTo(6);
        assertThat(Samples.of("ms", 4, 1, 3).median()).isEqualTo(3);
    }

    @Test
    void meanIsTheArithmeticMean() {
        assertThat(eight.mean()).isEqualTo(46.0 / 8);
    }

    @Test
    void quantilesInterpolateLinearlyAsType7() {
        // h = (n-1) p. p=0.25: h=1.75 -> 2 + 0.75 (3-2) = 2.75. p=0.75: h=5.25 -> 8 + 0.25 (9-8) = 8.25. p=0.1: h=0.7 -> 1.7.
        assertThat(eight.quantile(0.25)).isCloseTo(2.75, within(1e-12));
        assertThat(eight.quantile(0.75)).isCloseTo(8.25, within(1e-12));
        assertThat(eight.quantile(0.1)).isCloseTo(1.7, within(1e-12));
        assertThat(eight.quantile(0)).isEqualTo(1);
        assertThat(eight.quantile(1)).isEqualTo(11);
    }

    @Test
    void iqrIsQ3MinusQ1() {
        assertThat(eight.iqr()).isCloseTo(8.25 - 2.75, within(1e-12));
    }

    @Test
    void madIsRawAndScaledMadIsMultipliedBy1_4826() {
        // |x - 6| = 5 4 3 1 1 2 3 5 -> sorted 1 1 2 3 3 4 5 5 -> median 3.
        assertThat(eight.mad()).isEqualTo(3);
        assertThat(eight.scaledMad()).isCloseTo(3 * 1.4826, within(1e-12));
    }

    @Test
    void aSingleSampleHasNoSpread() {
        Samples one = Samples.of("bytes", 42);

        assertThat(one.median()).isEqualTo(42);
        assertThat(one.quantile(0.9)).isEqualTo(42);
        assertThat(one.mad()).isZero();
        assertThat(one.iqr()).isZero();
    }

    @Test
    void isNotChangedByLaterWritesToTheInputOrToReturnedValues() {
        double[] input = {3, 1, 2};
        Samples samples = Samples.of("ms", input);
        input[0] = 100;
        samples.values()[0] = 100;

        assertThat(samples.values()).containsExactly(1, 2, 3);
    }

    @Test
    void acceptsAListOfNumbers() {
        assertThat(Samples.of("ms", List.of(3, 1.5, 2L))).isEqualTo(Samples.of("ms", 1.5, 2, 3));
    }

    @Test
    void rejectsNoSamples() {
        assertThatThrownBy(() -> Samples.of("ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No samples of 'ms'");
    }

    @Test
    void rejectsNaNAndSaysWhichSample() {
        assertThatThrownBy(() -> Samples.of("ms", 1, Double.NaN, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Sample 2 of 3 (ms) is NaN")
                .hasMessageContaining("finite");
    }

    @Test
    void rejectsInfinity() {
        assertThatThrownBy(() -> Samples.of("ms", Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Infinity");
    }

    @Test
    void rejectsAQuantileOutsideZeroToOne() {
        assertThatThrownBy(() -> eight.quantile(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> eight.orderStatistic(9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X(9)");
    }
}
