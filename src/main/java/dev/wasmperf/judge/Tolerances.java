package dev.wasmperf.judge;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.results.Metric;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tolerance of each judged metric (perf.tolerance.&lt;metric&gt; in suite.properties, each justified there), with an
 * optional JIT override (perf.tolerance.&lt;metric&gt;.jit). A metric without a tolerance is reported, not judged.
 */
public record Tolerances(Map<Metric, Double> all, Map<Metric, Double> jit) {

    public Tolerances {
        all = all.isEmpty() ? Map.of() : new EnumMap<>(all);
        jit = jit.isEmpty() ? Map.of() : new EnumMap<>(jit);
    }

    public static Tolerances from(SuiteConfig config) {
        Map<Metric, Double> all = new EnumMap<>(Metric.class);
        Map<Metric, Double> jit = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            String key = "perf.tolerance." + metric.key();
            config.find(key).ifPresent(v -> all.put(metric, config.decimal(key, 0, 10)));
            config.find(key + ".jit").ifPresent(v -> jit.put(metric, config.decimal(key + ".jit", 0, 10)));
        }
        return new Tolerances(all, jit);
    }

    public Optional<Double> of(Metric metric, boolean jitVariant) {
        if (jitVariant && jit.containsKey(metric)) {
            return Optional.of(jit.get(metric));
        }
        return Optional.ofNullable(all.get(metric));
    }
}
