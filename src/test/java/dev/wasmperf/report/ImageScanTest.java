package dev.wasmperf.report;

import dev.wasmperf.fixtures.ScaledImages.Scaled;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.report.ImageScan.Phase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImageScanTest {

    private static Scaled size(int side) {
        return new Scaled(side, side, side * 2 / 3, side * 10L, new StdinPayload("scan-" + side, Path.of("scan-" + side + ".json")));
    }

    private static Map<Phase, Double> run(double decode, double inference, double wall) {
        return Map.of(Phase.DECODE, decode, Phase.PREPROCESS, decode / 2, Phase.INFERENCE, inference, Phase.WALL, wall);
    }

    @Test
    void eachCellIsTheMedianOfItsRunsWithItsRatioToNativeAtTheSameSize() {
        ImageScan scan = new ImageScan(List.of(size(224), size(4096)));
        scan.add("native", 224, run(1, 10, 20));
        scan.add("native", 4096, run(40, 10, 60));
        for (double decode : new double[] {70, 80, 900}) {
            scan.add("wasmtime-aot", 4096, run(decode, 20, 130));
        }
        scan.add("wasmtime-aot", 224, run(2, 20, 40));

        assertThat(scan.median("wasmtime-aot", 4096, Phase.DECODE)).contains(80.0);
        assertThat(scan.median("wasmtime-aot", 512, Phase.DECODE)).isEmpty();
        scan.crashed("node-v8-jit", "2 crashed run(s)");
        String md = scan.markdown("chelsea", "avx2 kernels", Map.of(Phase.DECODE, "image-scan/decode.svg"),
                Map.of("chicory-interp", "scan.skip.chicory-interp: too slow"));
        assertThat(md).contains("| 224 px | 224x149 | 2,240 |")
                .contains("**Decode**, ms (ratio to native at the same size): [chart](image-scan/decode.svg)")
                .contains("| wasmtime-aot | 2.000 (2.00x) | 80.00 (2.00x) |")
                .contains("| native | 1.000 | 40.00 |")
                .contains("Runs per size: native 1, wasmtime-aot 1.")
                .contains("Not scanned: chicory-interp (scan.skip.chicory-interp: too slow).")
                .contains("Known runtime crash: node-v8-jit, 2 crashed run(s); a size without a completed run has no value.");
        assertThat(scan.svg(Phase.INFERENCE)).startsWith("<svg").contains("wasmtime-aot").contains("4096 px");
    }
}
