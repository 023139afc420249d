package dev.wasmperf.baseline;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The stored reference of one profile (machine kind): per variant and metric, what was measured and under what. */
public record Baseline(int schema, String profile, String recordedAt, Fingerprint fingerprint,
                       Map<String, Map<String, MetricBaseline>> metrics) {

    public static final int SCHEMA = 2; // 2: the fingerprint holds the exact machine identity

    public Baseline {
        TreeMap<String, Map<String, MetricBaseline>> sorted = new TreeMap<>();
        metrics.forEach((variant, byMetric) -> sorted.put(variant, new TreeMap<>(byMetric)));
        metrics = sorted;
    }

    public Optional<MetricBaseline> find(String variant, String metric) {
        return Optional.ofNullable(metrics.get(variant)).map(m -> m.get(metric));
    }
}
