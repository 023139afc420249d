package dev.wasmperf.report;

import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSetBuilder;
import dev.wasmperf.results.SampleKind;
import dev.wasmperf.results.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricHistoryTest {

    private static ResultSet run(double nativeMs, double jitMs) {
        return ResultSetBuilder.on(ResultSetBuilder.ZEN4).subject("native", BuildRole.CANDIDATE, 1).subject("wasmtime-jit", BuildRole.CANDIDATE, 1)
                .rounds("native", SampleKind.COLD, Values.WALL_MS, nativeMs, nativeMs, nativeMs)
                .rounds("wasmtime-jit", SampleKind.COLD, Values.WALL_MS, jitMs, jitMs, jitMs).build();
    }

    @Test
    void keepsTheNewestRunsAndDrawsOneLinePerVariant(@TempDir Path dir) throws Exception {
        for (int run = 1; run <= 4; run++) {
            MetricHistory history = MetricHistory.load(dir);
            history.append("run " + run, run(30 + run, 700 + run), 3);
            history.save(dir);
        }
        MetricHistory history = MetricHistory.load(dir);
        assertThat(history.runs()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve(MetricHistory.FILE))).doesNotContain("run 1").contains("run 2", "run 4", "704.0");

        Map<String, String> charts = history.charts(Map.of("cold-start", "ms"));
        assertThat(charts).containsKey("cold-start");
        String svg = charts.get("cold-start");
        assertThat(svg).startsWith("<svg").contains("cold-start over the last 3 runs", "native", "wasmtime-jit", "run 4");
        assertThat(svg.split("<polyline", -1)).hasSize(3); // two lines
        assertThat(svg.split("<circle", -1)).hasSize(7); // three points each
    }

    @Test
    void aDamagedHistoryStartsAgainInsteadOfFailingTheBuild(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(MetricHistory.FILE), "{ not json");
        assertThat(MetricHistory.load(dir).runs()).isZero();
    }

    @Test
    void barChartShowsEveryVariantWithItsSpread() {
        String svg = SvgChart.bars("cold start (ms)", "ms", java.util.List.of(new SvgChart.Bar("native", 30, 1), new SvgChart.Bar("wasmer-jit", 560, 90)));
        assertThat(svg).contains(">native<", ">wasmer-jit<", ">560.0<", "whiskers: ± scaled MAD");
        assertThat(svg.split("<rect", -1)).hasSize(4); // background + two bars
    }

    @Test
    void linesFarApartGetALogAxisAndTheLegendStaysOffThePlot() {
        java.util.Map<String, double[]> series = new java.util.LinkedHashMap<>();
        series.put("native", new double[] {30, 31, 60});
        series.put("wasmtime-jit", new double[] {900, 905, 910});
        String svg = SvgChart.lines("cold start", "ms", java.util.List.of("r1", "r2", "r3"), series);
        assertThat(svg).contains("ms (log scale)");
        // On a log axis native's doubling (30 -> 60 ms) moves its line by a visible share of the plot, as much as 900 -> 1800 would.
        java.util.regex.Matcher points = java.util.regex.Pattern.compile("<polyline points='([^']*)'").matcher(svg);
        assertThat(points.find()).isTrue();
        String[] nativePoints = points.group(1).trim().split(" ");
        double first = Double.parseDouble(nativePoints[0].split(",")[1]);
        double last = Double.parseDouble(nativePoints[2].split(",")[1]);
        assertThat(first - last).as("pixels native's line rises when it doubles").isGreaterThan(40);
        // Every point lies left of the legend column.
        java.util.regex.Matcher circles = java.util.regex.Pattern.compile("<circle cx='([0-9.]+)'").matcher(svg);
        java.util.regex.Matcher legend = java.util.regex.Pattern.compile("<line x1='([0-9]+)'[^>]*stroke-width='3'").matcher(svg);
        assertThat(legend.find()).isTrue();
        double legendX = Double.parseDouble(legend.group(1));
        while (circles.find()) {
            assertThat(Double.parseDouble(circles.group(1))).isLessThan(legendX);
        }

        java.util.Map<String, double[]> close = java.util.Map.of("native", new double[] {30, 31, 32});
        assertThat(SvgChart.lines("cold start", "ms", java.util.List.of("r1", "r2", "r3"), close)).doesNotContain("log scale");
    }
}
