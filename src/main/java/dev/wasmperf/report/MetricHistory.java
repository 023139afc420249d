package dev.wasmperf.report;

import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;
import dev.wasmperf.stats.Samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Our metrics over runs. Allure's own trends count passed and failed tests; this keeps, per run, the median of
 * every candidate variant x metric (from the run's result set), with the checkout and machine profile it was measured
 * on, in the history folder, capped to the newest runs, and draws one chart per metric from it.
 */
public final class MetricHistory {

    public static final String FILE = "metrics-history.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode document;

    private MetricHistory(ObjectNode document) {
        this.document = document;
    }

    public static MetricHistory load(Path historyDir) {
        Path file = historyDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new MetricHistory(fresh());
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node instanceof ObjectNode object && object.get("runs") instanceof ArrayNode) {
                return new MetricHistory(object);
            }
        } catch (IOException e) {
            // A damaged history only costs old trend points; say so and start again.
        }
        System.out.println("[wasm-perf-suite] " + file + " is not a metric history; starting a new one");
        return new MetricHistory(fresh());
    }

    private static ObjectNode fresh() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("runs");
        return root;
    }

    /** Adds this run's candidate medians and drops the oldest runs beyond {@code limit}. */
    public void append(String label, ResultSet result, int limit) {
        ObjectNode run = JSON.createObjectNode();
        run.put("at", label);
        run.put("run", result.run().id());
        run.put("checkout", result.run().checkout());
        run.put("profile", result.profile());
        ObjectNode medians = run.putObject("medians");
        for (SubjectInfo subject : result.subjects(BuildRole.CANDIDATE)) {
            for (Metric metric : Metric.values()) {
                double[] values = metric.values(result, subject.key());
                if (values.length > 0) {
                    ObjectNode byVariant = medians.has(metric.key()) ? (ObjectNode) medians.get(metric.key()) : medians.putObject(metric.key());
                    byVariant.put(subject.key(), Samples.of(metric.unit(), values).median());
                }
            }
        }
        ArrayNode runs = (ArrayNode) document.get("runs");
        runs.add(run);
        while (runs.size() > limit) {
            runs.remove(0);
        }
    }

    public int runs() {
        return document.get("runs").size();
    }

    public void save(Path historyDir) {
        try {
            Files.createDirectories(historyDir);
            JSON.writeValue(historyDir.resolve(FILE).toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + historyDir.resolve(FILE), e);
        }
    }

    /** One SVG line chart per metric: x = runs (oldest first), one line per variant. */
    public Map<String, String> charts(Map<String, String> units) {
        List<String> labels = new ArrayList<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (JsonNode run : document.get("runs")) {
            labels.add(run.path("at").asText());
            run.path("medians").fieldNames().forEachRemaining(metrics::add);
        }
        Map<String, String> charts = new LinkedHashMap<>();
        for (String metric : metrics) {
            Map<String, double[]> series = new LinkedHashMap<>();
            int i = 0;
            for (JsonNode run : document.get("runs")) {
                int index = i++;
                run.path("medians").path(metric).fields().forEachRemaining(e -> series
                        .computeIfAbsent(e.getKey(), k -> filled(labels.size()))[index] = e.getValue().asDouble());
            }
            String unit = units.getOrDefault(metric, "");
            charts.put(metric, SvgChart.lines(metric + " over the last " + labels.size() + " runs (median per variant)", unit, labels, series));
        }
        return charts;
    }

    private static double[] filled(int n) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }
}
