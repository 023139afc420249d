package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PairedMedianTest {

    @Test
    void theEffectIsTheMedianRatioAndTheIntervalItsOrderStatistics() {
        // 20 rounds: the candidate 5% slower in each, the machine's speed different in every round.
        double[] reference = new double[20];
        double[] candidate = new double[20];
        for (int i = 0; i < 20; i++) {
            reference[i] = 10 + i;
            candidate[i] = reference[i] * (1.05 + (i % 5 - 2) * 0.002);
        }

        Effect effect = PairedMedian.paired(candidate, reference, 0.95);

        assertThat(effect.ratio()).isCloseTo(1.05, within(0.002));
        // n = 20 at 95%: the 6th and 15th of the sorted ratios (coverage 95.9%).
        assertThat(effect.ci().lower()).isCloseTo(1.048, within(1e-9));
        assertThat(effect.ci().upper()).isCloseTo(1.052, within(1e-9));
        assertThat(effect.pValue()).isCloseTo(2 * Math.pow(0.5, 20), within(1e-12));
    }

    @Test
    void outliersInAFewRoundsDoNotReachTheInterval() {
        double[] reference = new double[20];
        Arrays.fill(reference, 24);
        double[] candidate = reference.clone();
        for (int i = 0; i < 20; i++) {
            candidate[i] *= 1 + (i % 2 == 0 ? 0.002 : -0.002);
        }
        // Four rounds where one side ran in a half-speed spell.
        candidate[3] *= 1.4;
        candidate[8] *= 1.35;
        reference[12] *= 1.3;
        reference[17] *= 1.45;

        Effect effect = PairedMedian.paired(candidate, reference, 0.95);

        assertThat(effect.ci().lower()).isGreaterThan(0.99);
        assertThat(effect.ci().upper()).isLessThan(1.01);
    }

    @Test
    void theSignTestCountsRoundsAboveAndBelow() {
        assertThat(PairedMedian.signTestP(new double[] {0.1, 0.2, -0.1, 0.3, 0.05, -0.2})).isCloseTo(0.6875, within(1e-9));
        assertThat(PairedMedian.signTestP(new double[] {0, 0, 0})).isEqualTo(1);
    }

    @Test
    void roundsMustPair() {
        assertThatThrownBy(() -> PairedMedian.paired(new double[] {1, 2}, new double[] {1}, 0.95))
                .hasMessageContaining("one candidate and one reference value per round");
        assertThatThrownBy(() -> PairedMedian.paired(new double[] {1, 0, 1, 1, 1, 1}, new double[] {1, 1, 1, 1, 1, 1}, 0.95))
                .hasMessageContaining("a ratio needs positive values");
    }
}
