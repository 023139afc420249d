package dev.wasmperf.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HodgesLehmannTest {

    private final Samples current = Samples.of("ms", 10, 12);
    private final Samples baseline = Samples.of("ms", 9, 10, 11);

    @Test
    void shiftIsTheMedianOfAllPairwiseDifferences() {
        // 10-9, 10-10, 10-11, 12-9, 12-10, 12-11 = 1 0 -1 3 2 1 -> sorted -1 0 1 1 2 3 -> median 1.
        assertThat(HodgesLehmann.shift(current, baseline)).isEqualTo(1);
    }

    @Test
    void ratioIsTheMedianOfAllPairwiseRatios() {
        // 10/11 1 12/11 10/9 12/10 12/9 in order -> median (12/11 + 10/9) / 2.
        assertThat(HodgesLehmann.ratio(current, baseline)).isCloseTo((12.0 / 11 + 10.0 / 9) / 2, within(1e-12));
    }

    @Test
    void anOutlierDoesNotDragTheEstimate() {
        Samples withOutlier = Samples.of("ms", 10, 11, 12, 13, 1000);
        Samples base = Samples.of("ms", 10, 11, 12, 13, 14);

        // The mean difference would be about 197; 15 of the 25 differences are <= 1.
        assertThat(HodgesLehmann.shift(withOutlier, base)).isEqualTo(0);
    }

    @Test
    void ratioNeedsAPositiveBaseline() {
        assertThatThrownBy(() -> HodgesLehmann.ratio(current, Samples.of("ms", 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive baseline");
    }
}
