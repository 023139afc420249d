package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MedianConfidenceIntervalTest {

    /**
     * Coverage of [X(k), X(n+1-k)] is 1 - 2 P(B <= k-1), B ~ Bin(n, 1/2), computed by hand:
     * n=10: P(B <= 1) = (1 + 10) / 1024, coverage 0.978515625; k=3 would give 1 - 2 * 56/1024 = 0.89 < 0.95.
     * n=20: P(B <= 5) = 21700 / 1048576, coverage 0.95861...; k=7 gives 1 - 2 * 60460/1048576 = 0.885.
     * n=30: P(B <= 9) = 22964087 / 2^30, coverage 0.95722...
     * The 99% rows are the same sums one step earlier; they match the published tables of order-statistic CIs.
     */
    @ParameterizedTest(name = "n={0} at {1}: [X({2}), X({3})] with coverage {4}")
    @CsvSource({
            "10, 0.95,  2,  9, 0.978515625",
            "20, 0.95,  6, 15, 0.9586105346679688",
            "30, 0.95, 10, 21, 0.9572260547429323",
            "10, 0.99,  1, 10, 0.998046875",
            "20, 0.99,  4, 17, 0.9974231719970703",
            "30, 0.99,  8, 23, 0.9947771206498146",
            " 6, 0.95,  1,  6, 0.96875"})
    void picksTheNarrowestOrderStatisticsThatReachTheConfidence(int n, double confidence, int lower, int upper,
                                                                double coverage) {
        MedianConfidenceInterval.Ranks ranks = MedianConfidenceInterval.ranks(n, confidence);

        assertThat(ranks.lower()).isEqualTo(lower);
        assertThat(ranks.upper()).isEqualTo(upper);
        assertThat(ranks.coverage()).isCloseTo(coverage, within(1e-12));
    }

    @Test
    void boundsTheMedianByThoseOrderStatistics() {
        Samples ten = Samples.of("ms", 10, 1, 9, 2, 8, 3, 7, 4, 6, 5);

        ConfidenceInterval ci = MedianConfidenceInterval.of(ten);

        assertThat(ci).isEqualTo(new ConfidenceInterval(2, 9, 0.95));
    }

    @Test
    void handlesLargeSamplesWithoutUnderflow() {
        // 2^-2000 underflows a double; the normal approximation puts k near 1000 - 1.96 * sqrt(2000) / 2 = 956.
        MedianConfidenceInterval.Ranks ranks = MedianConfidenceInterval.ranks(2000, 0.95);

        assertThat(ranks.lower()).isBetween(950, 960);
        assertThat(ranks.upper()).isEqualTo(2001 - ranks.lower());
        assertThat(ranks.coverage()).isBetween(0.95, 0.96);
    }

    @Test
    void refusesASampleTooSmallForTheConfidence() {
        // n=5: even [min, max] covers the median only with probability 1 - 2/32 = 0.9375.
        assertThat(MedianConfidenceInterval.minimumSampleSize(0.95)).isEqualTo(6);
        assertThat(MedianConfidenceInterval.minimumSampleSize(0.99)).isEqualTo(8);
        assertThatThrownBy(() -> MedianConfidenceInterval.ranks(5, 0.95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("95% confidence interval of the median needs at least 6 samples, got n=5")
                .hasMessageContaining("0.9375");
    }

    @Test
    void coversTheTrueMedianOfASkewedDistributionAtLeastAsOftenAsPromised() {
        int seeds = 4000;
        int covered = 0;
        for (int seed = 0; seed < seeds; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] values = new double[10];
            for (int i = 0; i < values.length; i++) {
                values[i] = 100 * Math.exp(0.5 * random.nextGaussian());   // median exactly 100, strongly skewed
            }
            covered += MedianConfidenceInterval.of(Samples.of("ms", values)).contains(100) ? 1 : 0;
        }
        // Exact coverage is 0.9785; 4000 seeds estimate it to about +-0.5%. One rank narrower would give 0.89.
        assertThat((double) covered / seeds).isGreaterThan(0.965);
    }
}
