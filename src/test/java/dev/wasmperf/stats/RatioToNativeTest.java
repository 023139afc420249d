package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RatioToNativeTest {

    @Test
    void dividesEachRoundByNativeFromTheSameRound() {
        // Round 2 ran while the machine was twice as slow: both doubled, so its ratio is unaffected.
        double[] nativeMs = {100, 200, 100, 50, 100, 100};
        double[] variantMs = {150, 300, 160, 70, 140, 130};

        RatioToNative ratio = RatioToNative.fromRounds(variantMs, nativeMs);

        // Ratios 1.5 1.5 1.6 1.4 1.4 1.3 -> sorted 1.3 1.4 1.4 1.5 1.5 1.6: median 1.45; n=6 at 95% is [X(1), X(6)].
        assertThat(ratio.ratios().values()).containsExactly(1.3, 1.4, 1.4, 1.5, 1.5, 1.6);
        assertThat(ratio.ratios().unit()).isEqualTo(RatioToNative.UNIT);
        assertThat(ratio.median()).isCloseTo(1.45, within(1e-12));
        assertThat(ratio.medianCi()).isEqualTo(new ConfidenceInterval(1.3, 1.6, 0.95));
    }

    @Test
    void rejectsUnpairedRounds() {
        assertThatThrownBy(() -> RatioToNative.fromRounds(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2 variant and 1 native values");
    }

    @Test
    void rejectsANonPositiveNativeValue() {
        assertThatThrownBy(() -> RatioToNative.fromRounds(new double[] {1, 2}, new double[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("round 2 is 0.0");
    }

    @Test
    void rejectsTooFewRoundsForTheConfidence() {
        assertThatThrownBy(() -> RatioToNative.fromRounds(new double[] {1, 2, 3, 4, 5}, new double[] {1, 1, 1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least 6 samples, got n=5");
    }
}
