package dev.wasmperf.baseline;

import dev.wasmperf.measure.Metric;
import dev.wasmperf.stats.Comparison;
import dev.wasmperf.stats.Verdict;

import java.util.Optional;

/**
 * The verdict on one subject x metric against its baseline.
 *
 * @param primary  what the verdict rests on: the per-round ratio to native for timings of WebAssembly variants
 *                 (robust to a machine that is slower as a whole), the absolute values otherwise
 * @param absolute the absolute comparison, reported beside a ratio verdict
 */
public record Judgement(String subject, Metric metric, Comparison primary, Optional<Comparison> absolute) {

    public Verdict verdict() {
        return primary.verdict();
    }

    public boolean judgedByRatio() {
        return absolute.isPresent();
    }

    /**
     * Whether this verdict fails the build. Absolute timings (native's times, throughput, compile times) moved by up
     * to 30% within minutes on the shared project machine, as a whole, while every ratio to native stayed put; so by
     * default they are reported and only ratios, memory and sizes are asserted. {@code assertAbsoluteTimings} (set
     * on a quiet, dedicated machine) asserts them too.
     */
    public boolean asserted(boolean assertAbsoluteTimings) {
        return judgedByRatio() || metric == Metric.PEAK_RSS || metric == Metric.ARTEFACT_SIZE || assertAbsoluteTimings;
    }

    /** The failure message: metric, variant, baseline, measured, delta, CI, tolerance, and the way out. */
    public String explain() {
        String basis = judgedByRatio() ? " (judged by the ratio to native measured in the same rounds)" : "";
        String line = subject + " " + primary.explain() + basis;
        if (absolute.isPresent()) {
            line += "\n    absolute: " + absolute.get().explain();
        }
        return line;
    }
}
