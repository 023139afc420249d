package dev.wasmperf.judge;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.measure.BuildRole;
import dev.wasmperf.measure.PairedMetric;
import dev.wasmperf.stats.Effect;
import dev.wasmperf.stats.Verdict;

/**
 * The verdict on one metric of one variant: candidate against reference, from the per-round ratios.
 *
 * @param candidateMedian  median of the candidate's values, in the metric's unit (for people; the verdict uses the ratios)
 * @param possibleRegression the estimate is beyond the tolerance but its interval is not clear of it: not a failure,
 *                           never silent
 */
public record PairedJudgement(String variant, BuildRole candidateRole, PairedMetric metric, Effect effect, double tolerance,
                              Verdict verdict, boolean possibleRegression, double candidateMedian, double referenceMedian,
                              String candidateBuild, String referenceBuild) {

    public String subject() {
        return variant + candidateRole.suffix();
    }

    /**
     * "wasmtime-aot: inference (in-process) +5.2% (95% CI +4.1%..+6.3%, p=...) against the reference, tolerance 3%:
     * REGRESSED; candidate 412 ms, reference 392 ms (candidate: this checkout; reference: commit ...)".
     */
    public String explain() {
        return subject() + ": " + metric.title() + " " + effect.describe() + " against the reference, tolerance "
                + Numbers.percent(tolerance) + ": " + verdict + (possibleRegression ? " (possible regression: the estimate exceeds the "
                + "tolerance but the interval does not clear it; measure more rounds to decide)" : "") + "; median candidate "
                + Numbers.value(candidateMedian) + " " + metric.unit() + ", reference " + Numbers.value(referenceMedian) + " "
                + metric.unit() + " (candidate: " + candidateBuild + "; reference: " + referenceBuild + ")";
    }
}
