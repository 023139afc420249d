package dev.wasmperf.report;

import dev.wasmperf.judge.Judge;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.judge.Tolerances;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSetBuilder;
import dev.wasmperf.results.SampleKind;
import dev.wasmperf.results.Values;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PerfReportTest {

    /** Native, Winch in both modes, wazero's compiler (no AOT): cold starts and compile times, six rounds each. */
    private static String report() {
        return report(false);
    }

    /** @param like with native-sse2 (native at simd128's width), which adds the like-for-like matrix */
    private static String report(boolean like) {
        ResultSetBuilder run = ResultSetBuilder.on(ResultSetBuilder.ZEN4);
        if (like) {
            run.subject("native-sse2", BuildRole.CANDIDATE, 1000).rounds("native-sse2", SampleKind.COLD, Values.WALL_MS, 40, 41, 40, 39, 40, 41);
        }
        for (String variant : new String[] {"native", "wasmtime-winch-jit", "wasmtime-winch-aot", "wazero-jit"}) {
            run.subject(variant, BuildRole.CANDIDATE, 1000);
        }
        run.rounds("native", SampleKind.COLD, Values.WALL_MS, 30, 31, 30, 29, 30, 31)
                .rounds("wasmtime-winch-jit", SampleKind.COLD, Values.WALL_MS, 140, 141, 142, 140, 139, 141)
                .rounds("wasmtime-winch-aot", SampleKind.COLD, Values.WALL_MS, 84, 85, 84, 83, 84, 85)
                .rounds("wazero-jit", SampleKind.COLD, Values.WALL_MS, 540, 545, 550, 541, 539, 544)
                .rounds("wasmtime-winch-aot", SampleKind.COMPILE, Values.WALL_MS, 71, 70, 72, 71, 70, 71)
                .counts("native", 2.8e8, 4.4e8);
        ResultSet result = run.build();
        return PerfReport.markdown(Judge.compare(result, Optional.empty(), new JudgeSettings(0.95, new Tolerances(Map.of(), Map.of()), 6)), "", "");
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("## " + heading);
        assertThat(start).as(heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    @Test
    void jitVersusAotHasAColumnPerRuntimeAndCompilerWithBothModesAndNoneForARuntimeWithoutAot() {
        String table = section(report(), "JIT vs AOT");

        assertThat(table).contains("| wasmtime-winch JIT → AOT |", "| cold start (ms) | 140.5 → 84.00 (-39.9%) |")
                .doesNotContain("wazero", "| wasmtime JIT → AOT");
    }

    @Test
    void withoutARuntimeInBothModesTheSectionSaysSoInsteadOfAnEmptyTable() {
        ResultSetBuilder run = ResultSetBuilder.on(ResultSetBuilder.ZEN4).subject("native", BuildRole.CANDIDATE, 1000)
                .subject("wazero-jit", BuildRole.CANDIDATE, 1000)
                .rounds("native", SampleKind.COLD, Values.WALL_MS, 30, 31, 30, 29, 30, 31)
                .rounds("wazero-jit", SampleKind.COLD, Values.WALL_MS, 540, 545, 550, 541, 539, 544);
        String md = PerfReport.markdown(Judge.compare(run.build(), Optional.empty(), new JudgeSettings(0.95, new Tolerances(Map.of(), Map.of()), 6)), "", "");

        assertThat(section(md, "JIT vs AOT")).contains("No runtime and compiler ran in both modes in this run.").doesNotContain("| Metric |");
    }

    @Test
    void bothModesOfACompilerShowTheirOwnAotCompileNotAnotherCompilers() {
        String table = section(report(), "Where the time goes");

        assertThat(table).contains("| wasmtime-winch-jit |", "| wasmtime-winch-aot |");
        assertThat(table.lines().filter(l -> l.startsWith("| wasmtime-winch-")).toList()).allSatisfy(l -> assertThat(l).endsWith("| 71.00 |"));
        assertThat(table.lines().filter(l -> l.startsWith("| wazero-jit |")).findFirst().orElseThrow()).endsWith("| - |");
    }

    @Test
    void theMatrixIsAlsoGivenAgainstNativeAtSimd128sWidthWhenThatRan() {
        String matrix = section(report(true), "Runtime x mode");

        // Cold start ratios only here (no steady or RSS samples): medians of the per-round ratios: Winch AOT 2.80x native, 2.10x native-sse2.
        assertThat(matrix).contains("| wasmtime-winch | 4.65 / - / - | 2.80 / - / - |")
                .contains("**Like for like**: the same cells as ratios to `native-sse2`")
                .contains("| wasmtime-winch | 3.49 / - / - | 2.10 / - / - |")
                .doesNotContain("| native-sse2 |");
        assertThat(section(report(false), "Runtime x mode")).doesNotContain("Like for like");
    }

    @Test
    void variantsWithoutCountsAreNamedOnceInsteadOfRowsOfDashes() {
        String table = section(report(), "Instructions");

        assertThat(table).contains("| native | 280,000,000 |")
                .contains("Not counted in this run: wasmtime-winch-jit, wasmtime-winch-aot, wazero-jit")
                .doesNotContain("| wazero-jit |");
    }
}
