package dev.wasmperf.judge;

import dev.wasmperf.config.SuiteConfig;

/**
 * @param confidence of every interval a verdict rests on (perf.confidence)
 * @param minPairs   fewer paired rounds than this are not judged (an exact 95% interval of a median needs 6)
 */
public record JudgeSettings(double confidence, Tolerances tolerances, int minPairs) {

    public static JudgeSettings from(SuiteConfig config) {
        return new JudgeSettings(config.decimal("perf.confidence", 0.5, 0.999), Tolerances.from(config,
                java.util.Arrays.stream(dev.wasmperf.matrix.Runtime.values()).map(dev.wasmperf.matrix.Runtime::id).toList()), 6);
    }
}
