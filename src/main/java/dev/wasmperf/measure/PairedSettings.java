package dev.wasmperf.measure;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.matrix.CompilationMode;
import dev.wasmperf.matrix.Variant;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Rounds, order seed, confidence and tolerances of the paired comparison (candidate against reference in the same
 * rounds), read from suite.properties, where each tolerance is justified by measured paired noise.
 *
 * @param seed empty: a new seed per run (printed and recorded), so no fixed order can favour one build run after run
 */
public record PairedSettings(int warmupRounds, int rounds, OptionalLong seed, double confidence,
                             Map<PairedMetric, Double> tolerances, Map<PairedMetric, Double> jitTolerances) {

    public PairedSettings {
        tolerances = Map.copyOf(tolerances);
        jitTolerances = Map.copyOf(jitTolerances);
    }

    public static PairedSettings from(SuiteConfig config) {
        Map<PairedMetric, Double> tolerances = new EnumMap<>(PairedMetric.class);
        Map<PairedMetric, Double> jit = new EnumMap<>(PairedMetric.class);
        for (PairedMetric metric : PairedMetric.values()) {
            tolerances.put(metric, config.decimal("perf.paired.tolerance." + metric.key(), 0.0, 10.0));
            String jitKey = "perf.paired.tolerance." + metric.key() + ".jit";
            if (config.find(jitKey).isPresent()) {
                jit.put(metric, config.decimal(jitKey, 0.0, 10.0));
            }
        }
        OptionalLong seed = config.find("perf.paired.seed").filter(s -> !s.isBlank())
                .map(s -> OptionalLong.of(Long.parseLong(s.strip()))).orElse(OptionalLong.empty());
        return new PairedSettings(config.integer("perf.warmup.rounds", 0), config.integer("perf.paired.rounds", 6), seed,
                config.decimal("perf.paired.confidence", 0.5, 0.999), tolerances, jit);
    }

    /** The tolerance of a metric for a variant; JIT variants may have their own (perf.paired.tolerance.&lt;metric&gt;.jit). */
    public double tolerance(PairedMetric metric, Variant variant) {
        return variant.mode() == CompilationMode.JIT ? jitTolerances.getOrDefault(metric, tolerances.get(metric)) : tolerances.get(metric);
    }

    /** The same settings with another round count: the self-test's smaller campaign. */
    public PairedSettings withRounds(int count) {
        return new PairedSettings(warmupRounds, count, seed, confidence, tolerances, jitTolerances);
    }
}
