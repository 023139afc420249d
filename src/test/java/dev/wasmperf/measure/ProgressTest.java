package dev.wasmperf.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void saysWhereItIsAndWhatIsLeftAboutEveryFifteenSeconds() {
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        Progress progress = new Progress("instructions", "count", 10, lines::add);

        progress.next(t0);               // item 1 starts: nothing done, nothing to estimate
        progress.next(t0 + 5 * SECOND);  // 1 done in 5 s: too soon for a line
        progress.next(t0 + 16 * SECOND); // 2 done in 16 s: 8 s each, 8 left
        progress.next(t0 + 20 * SECOND); // 4 s after the last line: quiet
        progress.next(t0 + 32 * SECOND); // 4 done in 32 s: 6 left

        assertThat(lines).containsExactly("instructions: count 3/10, ~64 s left", "instructions: count 5/10, ~48 s left");
    }

    @Test
    void aShortPhasePrintsNothing() {
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        Progress progress = new Progress("scan: native", "classification", 5, lines::add);
        for (int i = 0; i < 5; i++) {
            progress.next(t0 + i * SECOND);
        }
        assertThat(lines).isEmpty();
    }
}
