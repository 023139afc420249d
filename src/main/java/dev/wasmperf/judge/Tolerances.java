package dev.wasmperf.judge;

import dev.wasmperf.config.ConfigException;
import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.results.Metric;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tolerance of each judged metric (perf.tolerance.&lt;metric&gt; in suite.properties, each justified there), with an
 * optional JIT override (perf.tolerance.&lt;metric&gt;.jit), and metrics a runtime's variants are not judged on
 * (perf.tolerance.&lt;metric&gt;.&lt;runtime&gt;=none, with the reason beside it). A metric without a tolerance is
 * reported, not judged.
 */
public record Tolerances(Map<Metric, Double> all, Map<Metric, Double> jit, Map<String, Set<Metric>> unjudged) {

    public Tolerances {
        all = all.isEmpty() ? Map.of() : new EnumMap<>(all);
        jit = jit.isEmpty() ? Map.of() : new EnumMap<>(jit);
        unjudged = Map.copyOf(unjudged);
    }

    public Tolerances(Map<Metric, Double> all, Map<Metric, Double> jit) {
        this(all, jit, Map.of());
    }

    public static Tolerances from(SuiteConfig config, Collection<String> runtimes) {
        Map<Metric, Double> all = new EnumMap<>(Metric.class);
        Map<Metric, Double> jit = new EnumMap<>(Metric.class);
        Map<String, Set<Metric>> unjudged = new TreeMap<>();
        for (Metric metric : Metric.values()) {
            String key = "perf.tolerance." + metric.key();
            config.find(key).ifPresent(v -> all.put(metric, config.decimal(key, 0, 10)));
            config.find(key + ".jit").ifPresent(v -> jit.put(metric, config.decimal(key + ".jit", 0, 10)));
            for (String runtime : runtimes) {
                config.find(key + "." + runtime).ifPresent(v -> {
                    if (!v.strip().equals("none")) {
                        throw new ConfigException(key + "." + runtime + "=" + v + ": a runtime can only opt out of a metric's verdict "
                                + "(none); its tolerance is the metric's (" + key + ").");
                    }
                    unjudged.computeIfAbsent(runtime, r -> EnumSet.noneOf(Metric.class)).add(metric);
                });
            }
        }
        return new Tolerances(all, jit, unjudged);
    }

    /** The tolerance a subject of this runtime and mode is judged with on {@code metric}; empty: reported, not judged. */
    public Optional<Double> of(Metric metric, boolean jitVariant, String runtime) {
        return unjudged(metric, runtime) ? Optional.empty() : of(metric, jitVariant);
    }

    public Optional<Double> of(Metric metric, boolean jitVariant) {
        if (jitVariant && jit.containsKey(metric)) {
            return Optional.of(jit.get(metric));
        }
        return Optional.ofNullable(all.get(metric));
    }

    /** Whether suite.properties exempts this runtime's variants from the metric's verdict. */
    public boolean unjudged(Metric metric, String runtime) {
        return unjudged.getOrDefault(runtime, Set.of()).contains(metric);
    }
}
