package dev.wasmperf.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.wasmperf.baseline.Fingerprint;
import dev.wasmperf.baseline.Judgement;
import dev.wasmperf.measure.MachineLoad;
import dev.wasmperf.measure.Series;
import dev.wasmperf.measure.WarmLoopTotals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** target/perf-report.json: the same data as the markdown report, with every raw sample. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    record Row(String variant, String metric, String unit, Summary summary, double[] samples, double[] ratiosToNative,
               String verdict, String verdictBasis, String explanation) {
    }

    record Document(String input, Fingerprint fingerprint, String baselineStatus, String noise, long durationSeconds,
                    double[] loadAverage, MachineLoad machineLoad, List<Row> metrics, Map<String, WarmLoopTotals> warmLoops, Map<String, Long> sizes,
                    Map<String, Map<String, double[]>> phasesUs) {
    }

    public static String render(PerfReport report) {
        List<Row> rows = new ArrayList<>();
        for (Series series : report.series()) {
            var judgement = report.judgement(series.subject(), series.metric());
            rows.add(new Row(series.subject(), series.metric().key(), series.metric().unit(), Summary.of(series), series.values(),
                    series.ratiosToNative(), judgement.map(j -> j.verdict().name()).orElse(null),
                    judgement.map(j -> j.judgedByRatio() ? "ratio" : j.primary().isExact() ? "exact" : "absolute").orElse(null),
                    judgement.map(Judgement::explain).orElse(null)));
        }
        var c = report.campaign();
        Document document = new Document(c.input(), report.fingerprint(), report.baselineStatus(), MarkdownReport.noiseLine(report),
                report.duration().toSeconds(), c.loadAverage(), c.machineLoad(), rows, c.warmLoops(), c.sizes(), c.phasesUs());
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The performance report could not be rendered as JSON", e);
        }
    }
}
