package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToleranceTest {

    @Test
    void forTimesALargerValueIsWorse() {
        Tolerance tenPercent = Tolerance.lowerIsBetter(0.10);

        assertThat(tenPercent.isWorseBeyond(1.11)).isTrue();
        assertThat(tenPercent.isWorseBeyond(1.09)).isFalse();
        assertThat(tenPercent.isBetterBeyond(0.89)).isTrue();
        assertThat(tenPercent.isBetterBeyond(0.91)).isFalse();
        assertThat(tenPercent.isWorseBeyond(0.5)).isFalse();
    }

    @Test
    void forThroughputASmallerValueIsWorse() {
        Tolerance tenPercent = Tolerance.higherIsBetter(0.10);

        assertThat(tenPercent.isWorseBeyond(0.89)).isTrue();
        assertThat(tenPercent.isWorseBeyond(1.5)).isFalse();
        assertThat(tenPercent.isBetterBeyond(1.11)).isTrue();
        assertThat(tenPercent.isBetterBeyond(0.5)).isFalse();
    }

    @Test
    void aChangeOfExactlyTheToleranceIsWithinIt() {
        // 1100 / 1000 - 1 is 0.10000000000000009 in floating point; the rule must not call that "beyond 10%".
        assertThat(Tolerance.lowerIsBetter(0.10).isWorseBeyond(1100.0 / 1000)).isFalse();
        assertThat(Tolerance.lowerIsBetter(0.10).isBetterBeyond(900.0 / 1000)).isFalse();
        assertThat(Tolerance.higherIsBetter(0.05).isWorseBeyond(950.0 / 1000)).isFalse();
    }

    @Test
    void zeroToleranceFlagsAnyChange() {
        assertThat(Tolerance.lowerIsBetter(0).isWorseBeyond(1001.0 / 1000)).isTrue();
        assertThat(Tolerance.lowerIsBetter(0).isWorseBeyond(1)).isFalse();
        assertThat(Tolerance.lowerIsBetter(0).isBetterBeyond(999.0 / 1000)).isTrue();
    }

    @Test
    void intervalsAreJudgedByWhichSideOfOneTheyLieOn() {
        ConfidenceInterval above = new ConfidenceInterval(1.02, 1.10, 0.95);
        ConfidenceInterval straddling = new ConfidenceInterval(0.98, 1.10, 0.95);

        assertThat(Tolerance.lowerIsBetter(0.05).isWhollyWorse(above)).isTrue();
        assertThat(Tolerance.lowerIsBetter(0.05).isWhollyWorse(straddling)).isFalse();
        assertThat(Tolerance.higherIsBetter(0.05).isWhollyBetter(above)).isTrue();
        assertThat(Tolerance.higherIsBetter(0.05).isWhollyWorse(above)).isFalse();
    }

    @Test
    void printsAsAPercentage() {
        assertThat(Tolerance.lowerIsBetter(0.10)).hasToString("10%");
        assertThat(Tolerance.lowerIsBetter(0.025)).hasToString("2.5%");
        assertThat(Tolerance.lowerIsBetter(0.07)).hasToString("7%");
        assertThat(Tolerance.lowerIsBetter(0)).hasToString("0%");
    }

    @Test
    void rejectsNegativeOrWholeTolerances() {
        assertThatThrownBy(() -> Tolerance.lowerIsBetter(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> Tolerance.higherIsBetter(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tolerance.higherIsBetter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
