package dev.wasmperf.judge;

import dev.wasmperf.matrix.Variant;
import dev.wasmperf.measure.BuildRole;
import dev.wasmperf.measure.PairedMetric;
import dev.wasmperf.measure.PairedResult;
import dev.wasmperf.measure.PairedSettings;
import dev.wasmperf.stats.Effect;
import dev.wasmperf.stats.Samples;
import dev.wasmperf.stats.SignedRank;
import dev.wasmperf.stats.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a paired result: a pure function of the measurements and the settings. For each pair and metric, the effect
 * is the Hodges-Lehmann estimate of the per-round log ratio candidate / reference with its signed-rank interval. The
 * rule: REGRESSED when the whole interval lies above 1 + tolerance ("clear of the tolerance"), IMPROVED when it lies
 * below 1 / (1 + tolerance), else UNCHANGED. Requiring the interval, not just the estimate, to clear the tolerance
 * is what keeps a noisy run from failing; the tolerance is what keeps a real but negligible difference from failing.
 * An estimate beyond the tolerance whose interval does not clear it is flagged as a possible regression.
 */
public final class PairedComparison {

    private PairedComparison() {
    }

    public static List<PairedJudgement> judge(PairedResult result, PairedSettings settings) {
        List<PairedJudgement> judgements = new ArrayList<>();
        for (PairedResult.Pair pair : result.pairs()) {
            Variant variant = Variant.byId(pair.variant()).orElseThrow(() -> new IllegalArgumentException(
                    "The result names variant '" + pair.variant() + "', which this suite does not know; valid: " + Variant.validIds()));
            for (PairedMetric metric : PairedMetric.values()) {
                double[] candidate = result.values(pair.candidate(), metric).orElseThrow(() -> missing(pair.candidate(), metric));
                double[] reference = result.values(pair.reference(), metric).orElseThrow(() -> missing(pair.reference(), metric));
                Effect effect = SignedRank.paired(candidate, reference, settings.confidence());
                double tolerance = settings.tolerance(metric, variant);
                judgements.add(new PairedJudgement(pair.variant(), pair.candidateRole(), metric, effect, tolerance,
                        verdict(effect, tolerance), effect.ratio() > 1 + tolerance && !effect.ci().isAbove(1 + tolerance),
                        Samples.of(metric.unit(), candidate).median(), Samples.of(metric.unit(), reference).median(),
                        result.builds().getOrDefault(pair.candidateRole(), pair.candidateRole().name().toLowerCase()),
                        result.builds().getOrDefault(BuildRole.REFERENCE, "reference")));
            }
        }
        return judgements;
    }

    /** The rule on its own, for its tests. */
    static Verdict verdict(Effect effect, double tolerance) {
        if (effect.ci().isAbove(1 + tolerance)) {
            return Verdict.REGRESSED;
        }
        if (effect.ci().isBelow(1 / (1 + tolerance))) {
            return Verdict.IMPROVED;
        }
        return Verdict.UNCHANGED;
    }

    private static IllegalArgumentException missing(String subject, PairedMetric metric) {
        return new IllegalArgumentException("The paired result has no " + metric.key() + " values for " + subject
                + "; it is incomplete (a campaign that stopped early?) and cannot be judged.");
    }
}
