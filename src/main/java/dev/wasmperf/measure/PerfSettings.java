package dev.wasmperf.measure;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.matrix.CompilationMode;
import dev.wasmperf.matrix.Variant;

import java.util.EnumMap;
import java.util.Map;

/**
 * Sample counts, tolerances and significance of the performance checks, read from suite.properties (where each
 * default is justified by the noise measured on the project machine).
 */
public record PerfSettings(
        String input,
        int warmupRounds,
        int coldStartRounds,
        int warmLoopIterations,
        int warmLoopBlock,
        int aotCompileRounds,
        double alpha,
        Map<Metric, Double> tolerances,
        Map<Metric, Double> jitTolerances,
        boolean confirmRegressions,
        double busyMachineShare) {

    /**
     * JUnitPerf takes its execution count from an annotation, which must be a compile-time constant; this is the one
     * performance setting that cannot live in suite.properties (see perf.throughput.executions there).
     */
    public static final int THROUGHPUT_EXECUTIONS = 20;

    public PerfSettings {
        tolerances = Map.copyOf(tolerances);
        jitTolerances = Map.copyOf(jitTolerances);
        if (warmLoopIterations % warmLoopBlock != 0) {
            throw new IllegalArgumentException("perf.warmLoop.iterations (" + warmLoopIterations
                    + ") must be a multiple of perf.warmLoop.block (" + warmLoopBlock + ")");
        }
    }

    public static PerfSettings from(SuiteConfig config) {
        Map<Metric, Double> tolerances = new EnumMap<>(Metric.class);
        Map<Metric, Double> jitTolerances = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            tolerances.put(metric, config.decimal("perf.tolerance." + metric.key(), 0.0, 10.0));
            String jitKey = "perf.tolerance." + metric.key() + ".jit";
            if (config.find(jitKey).isPresent()) {
                jitTolerances.put(metric, config.decimal(jitKey, 0.0, 10.0));
            }
        }
        return new PerfSettings(
                config.string("perf.input"),
                config.integer("perf.warmup.rounds", 0),
                config.integer("perf.coldStart.rounds", 3),
                config.integer("perf.warmLoop.iterations", 1),
                config.integer("perf.warmLoop.block", 1),
                config.integer("perf.aotCompile.rounds", 1),
                config.decimal("perf.alpha", 1e-6, 0.5),
                tolerances,
                jitTolerances,
                config.flag("perf.confirmRegressions"),
                config.decimal("perf.busyMachine.otherProcesses", 0.0, 1.0));
    }

    public double tolerance(Metric metric) {
        return tolerances.get(metric);
    }

    /**
     * The tolerance for one variant: JIT variants may have their own (perf.tolerance.&lt;metric&gt;.jit), because
     * their timings are mostly Cranelift compiling on every core, which a busy neighbour disturbs more than a
     * single-threaded native run. A canary or unknown subject gets the metric's tolerance.
     */
    public double tolerance(Metric metric, String variantId) {
        boolean jit = Variant.byId(variantId).map(v -> v.mode() == CompilationMode.JIT).orElse(false);
        return jit ? jitTolerances.getOrDefault(metric, tolerance(metric)) : tolerance(metric);
    }

    public int warmLoopRounds() {
        return warmLoopIterations / warmLoopBlock;
    }

    /** The same settings without the warm loop: the canary self-test only needs cold starts. */
    public PerfSettings coldStartOnly() {
        return new PerfSettings(input, warmupRounds, coldStartRounds, 0, warmLoopBlock, aotCompileRounds, alpha, tolerances,
                jitTolerances, confirmRegressions, busyMachineShare);
    }
}
