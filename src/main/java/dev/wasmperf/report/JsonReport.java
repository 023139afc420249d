package dev.wasmperf.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmperf.judge.Comparison;
import dev.wasmperf.judge.Finding;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;

import java.util.Optional;

/** target/perf-report.json: the verdicts and every subject's summaries; the samples themselves are in the result set file. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Comparison comparison, String resultFile) {
        ResultSet r = comparison.current();
        ObjectNode root = JSON.createObjectNode();
        root.put("run", r.run().id());
        root.put("profile", r.profile());
        root.put("result_set", resultFile);
        root.putPOJO("machine", r.machine());
        root.putPOJO("environment", r.environment());
        root.putPOJO("settings", r.settings());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : comparison.findings()) {
            ObjectNode row = findings.addObject();
            row.put("subject", f.subject());
            row.put("variant", f.variant());
            row.put("role", f.role().name().toLowerCase());
            row.put("metric", f.metric().key());
            row.put("unit", f.metric().unit());
            row.put("basis", f.basis().name().toLowerCase());
            row.put("median", f.candidateMedian());
            row.put("against_median", f.referenceMedian());
            row.put("ratio", f.effect().ratio());
            row.put("ci_lower", f.effect().ci().lower());
            row.put("ci_upper", f.effect().ci().upper());
            if (!f.effect().isExact()) {
                row.put("p", f.effect().pValue());
            }
            row.put("tolerance", f.tolerance());
            row.put("verdict", f.verdict().name());
            row.put("possible_regression", f.possibleRegression());
            row.put("note", f.note());
        }
        ArrayNode summaries = root.putArray("summaries");
        for (SubjectInfo s : r.subjects()) {
            for (Metric metric : Metric.values()) {
                Optional<SubjectSummary> summary = SubjectSummary.of(r, s.key(), metric, Optional.of("native"));
                summary.ifPresent(sum -> {
                    ObjectNode row = summaries.addObject();
                    row.put("subject", s.key());
                    row.put("variant", s.variant());
                    row.put("role", s.role().name().toLowerCase());
                    row.put("metric", metric.key());
                    row.put("unit", metric.unit());
                    row.put("n", sum.n());
                    row.put("median", sum.median());
                    row.put("spread", sum.spread());
                    sum.ci().ifPresent(ci -> row.put("ci_lower", ci.lower()).put("ci_upper", ci.upper()));
                    sum.ratio().ifPresent(e -> row.put("ratio_to_native", e.ratio()));
                });
            }
        }
        root.putPOJO("status", comparison.status());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the JSON report", e);
        }
    }
}
