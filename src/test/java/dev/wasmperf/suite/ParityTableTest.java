package dev.wasmperf.suite;

import dev.wasmperf.execution.Prediction;
import dev.wasmperf.matrix.Variant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The side-by-side table a parity failure shows. */
class ParityTableTest {

    @Test
    void marksEveryRankThatDiffers() {
        List<Prediction> nativeTop = List.of(new Prediction(286, "Egyptian cat", 0.7890625), new Prediction(283, "tiger cat", 0.12109375));
        List<Prediction> wasmTop = List.of(new Prediction(286, "Egyptian cat", 0.7890625), new Prediction(283, "tiger cat", 0.125));

        String table = ParityIT.sideBySide(Variant.WASMER_AOT, nativeTop, wasmTop);

        assertThat(table.lines().toList()).containsExactly(
                "  rank  native                         wasmer-aot",
                "  1     286 Egyptian cat (0.7890625)   286 Egyptian cat (0.7890625)",
                "  2     283 tiger cat (0.12109375)     283 tiger cat (0.125)   <- differs");
    }

    @Test
    void showsMissingRanks() {
        List<Prediction> nativeTop = List.of(new Prediction(1, "goldfish", 0.5), new Prediction(2, "great white shark", 0.25));

        String table = ParityIT.sideBySide(Variant.WASMTIME_JIT, nativeTop, nativeTop.subList(0, 1));

        assertThat(table).endsWith("2     2 great white shark (0.25)   (none)   <- differs");
    }
}
