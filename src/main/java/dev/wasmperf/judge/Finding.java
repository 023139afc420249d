package dev.wasmperf.judge;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.stats.Effect;
import dev.wasmperf.stats.Verdict;

/**
 * One verdict: one metric of one subject against its reference (paired) or against stored values.
 *
 * @param subject          the subject's key ("wasmtime-aot", "native (canary)")
 * @param role             which build the judged subject is
 * @param effect           judged / reference as a ratio, with its interval
 * @param note             why the verdict is what it is when that is not obvious (what makes it inconclusive); "" otherwise
 * @param candidateMedian  median of the judged subject's values, in the metric's unit (for people; the verdict uses the effect)
 * @param candidateBuild   what the judged subject ran ("this checkout, wasmtime 49.0.2")
 * @param referenceBuild   what it was judged against
 */
public record Finding(Basis basis, String subject, String variant, BuildRole role, Metric metric, Effect effect, double tolerance,
                      Verdict verdict, String note, double candidateMedian, double referenceMedian, String candidateBuild,
                      String referenceBuild) {

    /** The estimate is beyond the tolerance but the interval is not clear of it: not a failure, never silent. */
    public boolean possibleRegression() {
        return verdict == Verdict.UNCHANGED && effect.ratio() > 1 + tolerance;
    }

    /**
     * A timing whose estimate lies beyond the tolerance, either way, while its interval does not clear it: more rounds
     * can decide it (PerformanceRun measures them once).
     */
    public boolean undecided() {
        return basis == Basis.PAIRED && metric.perRound() && verdict == Verdict.UNCHANGED
                && (effect.ratio() > 1 + tolerance || effect.ratio() < 1 / (1 + tolerance));
    }

    /**
     * "wasmtime-aot: steady-state inference +5.2% (95% CI +4.1%..+6.3%, p=0.0001) against the reference, tolerance 3.0%:
     * REGRESSED; median 24.10 ms, reference 22.91 ms (candidate: ...; reference: ...)".
     */
    public String explain() {
        boolean paired = basis == Basis.PAIRED;
        String other = paired ? "reference" : "stored";
        return subject + ": " + metric.title() + " " + effect.describe() + (paired ? " against the reference" : " against the values stored"
                + " for this machine") + ", tolerance " + Numbers.percent(tolerance) + ": " + verdict
                + (possibleRegression() ? " (possible regression: the estimate exceeds the tolerance but the interval does not clear it)" : "")
                + (note.isEmpty() ? "" : " (" + note + ")") + "; median " + Numbers.value(candidateMedian) + " " + metric.unit() + ", "
                + other + " " + Numbers.value(referenceMedian) + " " + metric.unit() + " (" + (paired ? "candidate" : "now") + ": "
                + candidateBuild + "; " + other + ": " + referenceBuild + ")";
    }
}
