package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SignedRankTest {

    @Test
    void criticalValuesMatchTheWilcoxonTables() {
        // Two-sided 5%: T <= 52 rejects at n = 20, T <= 8 at n = 10 (standard tables), so the interval starts at rank c + 1.
        assertThat(SignedRank.lowerRank(20, 0.025)).isEqualTo(53);
        assertThat(SignedRank.lowerRank(10, 0.025)).isEqualTo(9);
        assertThat(SignedRank.lowerRank(6, 0.025)).isEqualTo(1);
    }

    @Test
    void exactPValueOfAllPositiveDifferences() {
        double[] d = {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10};
        assertThat(SignedRank.pValue(d)).isCloseTo(2.0 / 1024, within(1e-12));
    }

    @Test
    void theMachinesSpeedCancelsInThePairs() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 20;
        double[] candidate = new double[n];
        double[] reference = new double[n];
        for (int i = 0; i < n; i++) {
            double machine = random.nextBoolean() ? 2.0 : 1.0; // half the rounds on a machine twice as slow
            reference[i] = 100 * machine * Math.exp(0.01 * random.nextGaussian());
            candidate[i] = 105 * machine * Math.exp(0.01 * random.nextGaussian());
        }
        Effect effect = SignedRank.paired(candidate, reference, 0.95);
        assertThat(effect.ratio()).isCloseTo(1.05, within(0.01));
        assertThat(effect.ci().contains(1.05)).isTrue();
        assertThat(effect.ci().upper() - effect.ci().lower()).isLessThan(0.02);
    }

    @Test
    void intervalCoversTheTrueShiftAtItsStatedRate() {
        SplittableRandom random = new SplittableRandom(42);
        int trials = 2000;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            double[] d = new double[20];
            for (int i = 0; i < d.length; i++) {
                // Heavier tails than normal: a few runs hit by a neighbour.
                double noise = random.nextDouble() < 0.1 ? 0.08 * random.nextGaussian() : 0.02 * random.nextGaussian();
                d[i] = Math.log(1.05) + noise;
            }
            if (SignedRank.ofLogDifferences(d, 0.95).ci().contains(1.05)) {
                covered++;
            }
        }
        // Exact coverage for symmetric noise is at least 95% (the discrete ranks make it slightly conservative).
        assertThat(covered / (double) trials).isBetween(0.94, 0.975);
    }

    @Test
    void unpairedOrNonPositiveValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> SignedRank.paired(new double[] {1, 2}, new double[] {1}, 0.95))
                .hasMessageContaining("one candidate and one reference value per round");
        assertThatThrownBy(() -> SignedRank.paired(new double[] {1, 2, 3, 4, 5, 0}, new double[] {1, 2, 3, 4, 5, 6}, 0.95))
                .hasMessageContaining("Round 6");
        assertThatThrownBy(() -> SignedRank.ofLogDifferences(new double[] {0.1, 0.2}, 0.95)).hasMessageContaining("at least 6");
    }
}
