package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MannWhitneyTest {

    /**
     * By hand. Pooled and ranked: 1(B)=1, 2(B)=2, 3(A)=3, 5(A) 5(A) 5(B) share ranks 4..6 -> 5 each, 7(B)=7, 8(B)=8,
     * 9(A)=9. R_A = 3 + 5 + 5 + 9 = 22, U_A = 22 - 4*5/2 = 12 (check by pairs: 3 beats 2, each 5 beats 2 and ties 1
     * -> 2.5, 9 beats 5: 2 + 5 + 5 = 12). Mean n1 n2 / 2 = 10. One tie group of 3: sum t^3 - t = 24.
     * Var = 20/12 * (10 - 24/72) = 16.111. z = (|12 - 10| - 0.5) / sqrt(16.111) = 0.37370. p = erfc(z / sqrt 2) = 0.70862.
     */
    @Test
    void computesUZAndPWithTiesByHand() {
        MannWhitney result = MannWhitney.test(Samples.of("ms", 3, 5, 5, 9), Samples.of("ms", 1, 2, 5, 7, 8));

        assertThat(result.u()).isEqualTo(12);
        assertThat(result.z()).isCloseTo(0.373705, within(1e-5));
        assertThat(result.pValue()).isCloseTo(0.708624, within(1e-5));
    }

    /**
     * Complete separation, n=8 each, no ties: U = 64, Var = 8*8*17/12 = 90.667, z = (32 - 0.5) / 9.5219 = 3.30816,
     * p = 0.000939. The exact permutation p is 2 / C(16, 8) = 0.000155: the approximation is conservative here.
     */
    @Test
    void completeSeparationIsHighlySignificantAndSymmetric() {
        Samples high = Samples.of("ms", 11, 12, 13, 14, 15, 16, 17, 18);
        Samples low = Samples.of("ms", 1, 2, 3, 4, 5, 6, 7, 8);

        MannWhitney up = MannWhitney.test(high, low);
        MannWhitney down = MannWhitney.test(low, high);

        assertThat(up.u()).isEqualTo(64);
        assertThat(up.z()).isCloseTo(3.308162, within(1e-5));
        assertThat(up.pValue()).isCloseTo(0.000939106, within(1e-7));
        assertThat(down.u()).isZero();
        assertThat(down.z()).isCloseTo(-up.z(), within(1e-12));
        assertThat(down.pValue()).isCloseTo(up.pValue(), within(1e-12));
    }

    @Test
    void allValuesTiedGiveNoEvidence() {
        MannWhitney result = MannWhitney.test(Samples.of("ms", 5, 5, 5), Samples.of("ms", 5, 5));

        assertThat(result.u()).isEqualTo(3);
        assertThat(result.z()).isZero();
        assertThat(result.pValue()).isEqualTo(1);
    }

    /** The class comment's claim: at n=8 per side the approximation is within 0.006 of exact where p < 0.2, and conservative below 0.05. */
    @Test
    void normalApproximationIsCloseToTheExactPermutationPValueAtEightPerSide() {
        int n = MannWhitney.MINIMUM_SAMPLES_PER_SIDE;
        long[] ways = exactUDistribution(n, n);
        long total = 0;
        for (long w : ways) {
            total += w;
        }
        for (int u = 0; u <= n * n / 2; u++) {
            long tail = 0;
            for (int k = 0; k <= u; k++) {
                tail += ways[k];
            }
            double exact = Math.min(1, 2.0 * tail / total);
            if (exact >= 0.2) {
                continue;
            }
            // The first sample beats the second in exactly u of the n*n pairs: values 0..n-1 interleaved accordingly.
            MannWhitney approx = MannWhitney.test(samplesWithU(u, n), Samples.of("x", range(n)));
            assertThat(approx.u()).isEqualTo(u);
            assertThat(approx.pValue()).as("U=%d, exact p=%f", u, exact).isCloseTo(exact, within(0.006));
            if (exact < 0.05) {
                assertThat(approx.pValue()).as("conservative at U=%d", u).isGreaterThanOrEqualTo(exact);
            }
        }
    }

    @Test
    void twoSidedNormalTailMatchesTables() {
        assertThat(StandardNormal.twoSidedPValue(0)).isCloseTo(1, within(1e-7));
        assertThat(StandardNormal.twoSidedPValue(1.959964)).isCloseTo(0.05, within(1e-7));
        assertThat(StandardNormal.twoSidedPValue(-2.575829)).isCloseTo(0.01, within(1e-7));
        assertThat(StandardNormal.twoSidedPValue(4)).isCloseTo(6.334248e-5, within(1e-10));
    }

    /** Number of arrangements giving each U for sizes (m, n): f(u; m, n) = f(u - n; m - 1, n) + f(u; m, n - 1). */
    private static long[] exactUDistribution(int m, int n) {
        long[][][] f = new long[m + 1][n + 1][m * n + 1];
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= n; j++) {
                for (int u = 0; u <= m * n; u++) {
                    if (i == 0 || j == 0) {
                        f[i][j][u] = u == 0 ? 1 : 0;
                    } else {
                        f[i][j][u] = (u >= j ? f[i - 1][j][u - j] : 0) + f[i][j - 1][u];
                    }
                }
            }
        }
        return f[m][n];
    }

    /** n distinct values that beat exactly u of the values 0..n-1 in pairwise comparisons. */
    private static Samples samplesWithU(int u, int n) {
        double[] values = new double[n];
        int remaining = u;
        for (int i = 0; i < n; i++) {
            int beats = Math.min(n, remaining);
            values[i] = beats - 0.5 + i * 0.01;   // beats 0..beats-1; the offset keeps the values distinct (untied)
            remaining -= beats;
        }
        return Samples.of("x", values);
    }

    private static double[] range(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }
}
