package dev.wasmperf.report;

import dev.wasmperf.baseline.Fingerprint;
import dev.wasmperf.machine.MachineIdentity;
import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.MachineLoad;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.Series;
import dev.wasmperf.measure.WarmLoopTotals;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    static PerfReport report() {
        double[] nativeCold = {30, 31, 29, 30, 32, 30, 31, 29, 30, 30};
        double[] jitCold = {750, 760, 740, 755, 745, 750, 752, 748, 751, 749};
        double[] ratios = new double[10];
        for (int i = 0; i < 10; i++) {
            ratios[i] = jitCold[i] / nativeCold[i];
        }
        CampaignResult campaign = new CampaignResult(List.of("native", "wasmtime-jit"), List.of(
                new Series("native", Metric.COLD_START, nativeCold, new double[0]),
                new Series("wasmtime-jit", Metric.COLD_START, jitCold, ratios),
                new Series("native", Metric.WARM_LOOP, nativeCold, new double[0]),
                new Series("wasmtime-jit", Metric.WARM_LOOP, jitCold, ratios)),
                Map.of("native", new WarmLoopTotals("native", 10, 0.30, 0.12, 0.05),
                        "wasmtime-jit", new WarmLoopTotals("wasmtime-jit", 10, 7.5, 6.1, 0.4)),
                Map.of("native", Map.of("inference", new double[] {10_000, 10_100, 9_900}, "total", new double[] {25_000, 25_000, 25_000})),
                Map.of("native: mobilenet-classify", 4_604_744L), new double[] {0.4, 0.5}, new MachineLoad(0.031, 0.002), "chelsea");
        Fingerprint fingerprint = new Fingerprint(new MachineIdentity("AuthenticAMD", 25, 1, 1, "AMD EPYC", List.of("avx2"), 2, 24, "KVM"), "rustc 1.96.0", Map.of("wasmtime", "49.0.2"), "7aad", "simd",
                Map.of(), "Linux 6.1", "17", Map.of());
        return new PerfReport(campaign, List.of(), fingerprint, "no baseline for profile 'amd-epyc-2c'", Duration.ofSeconds(42));
    }

    @Test
    void rendersTheSeedTablesWithSpreadAndRatioToNative() {
        String md = MarkdownReport.render(report());
        assertThat(md).contains("## Cold start", "## Warm loop (10 iterations)", "## Memory usage", "## Artefact size",
                "## Throughput", "## JIT vs AOT", "## Where the time goes");
        // native median 30 ms; JIT ratio median 25x with an interval
        assertThat(md).contains("| native | 30.00 | ±", "1 (reference)");
        assertThat(md).containsPattern("\\| wasmtime-jit \\| 750\\.0 \\| ±[0-9.]+ \\| [0-9.]+ – [0-9.]+ \\| 10 \\| 25\\.0[0-9]x \\(");
        // warm-loop totals as the seed printed them
        assertThat(md).contains("| wasmtime-jit | 7.50 | 6.10 | 0.40 |");
        assertThat(md).contains("| native: mobilenet-classify | 4,604,744 |");
        assertThat(md).contains("**Noise:** native cold start varied by", "1-minute load average 0.40 before and 0.50 after, on 2 cores",
                "other processes used 3.1% of the machine's CPU time and the hypervisor stole 0.2%.");
        assertThat(md).contains("No verdicts: no baseline for profile 'amd-epyc-2c'");
    }

    @Test
    void csvHasOneRowPerSeriesWithTheSameMedians() {
        String csv = CsvReport.render(report());
        assertThat(csv.lines()).hasSize(5).first().isEqualTo(CsvReport.HEADER);
        assertThat(csv).contains("wasmtime-jit,cold-start,ms,10,750.000,");
        assertThat(JsonReport.render(report())).contains("\"variant\" : \"native\"", "\"samples\" : [ 30.0, 31.0");
    }
}
