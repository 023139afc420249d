package dev.wasmperf.baseline;

import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.MachineLoad;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.PerfSettings;
import dev.wasmperf.measure.Series;
import dev.wasmperf.stats.Comparison;
import dev.wasmperf.stats.RatioToNative;
import dev.wasmperf.stats.Samples;
import dev.wasmperf.stats.Tolerance;
import dev.wasmperf.stats.Verdict;
import dev.wasmperf.stats.VerdictRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Measurements against a baseline, metric by metric. Pure: it reads data and returns verdicts. */
public final class BaselineComparison {

    private BaselineComparison() {
    }

    /** Judgements for every series that has a baseline, and the series that have none. */
    public record Outcome(List<Judgement> judgements, List<Series> withoutBaseline) {
    }

    /**
     * @param baselineKey which baseline entry a subject is compared with: its variant id (a canary build of native is
     *                    compared with native's baseline)
     */
    public static Outcome judge(CampaignResult result, Baseline baseline, PerfSettings settings, VerdictRule rule,
                                Function<String, String> baselineKey) {
        List<Judgement> judgements = new ArrayList<>();
        List<Series> missing = new ArrayList<>();
        for (Series series : result.series()) {
            String key = baselineKey.apply(series.subject());
            Optional<MetricBaseline> stored = baseline.find(key, series.metric().key());
            if (stored.isEmpty()) {
                missing.add(series);
                continue;
            }
            judgements.add(judge(series, stored.get(), settings.tolerance(series.metric(), key), rule));
        }
        return new Outcome(judgements, missing);
    }

    /**
     * The final word on a judgement the first campaign flagged, given the confirmation campaign's comparison (empty
     * when none ran) and how busy the machine was with other work in each campaign. A regression stands if every
     * campaign that measured it flagged it; but a timing flagged only while other processes used more than
     * {@code busyShare} of the machine's CPU, in every such campaign, is INCONCLUSIVE: a neighbour on one core slows
     * a two-core JIT compile more than one-core native, so the ratios no longer cancel it.
     */
    public static Judgement settle(Judgement first, MachineLoad firstLoad, Optional<Comparison> second,
                                   Optional<MachineLoad> secondLoad, double busyShare) {
        Judgement judged = second.map(first::confirmedBy).orElse(first);
        if (judged.verdict() != Verdict.REGRESSED || !judged.metric().isTiming()) {
            return judged;
        }
        boolean firstBusy = busy(firstLoad, busyShare);
        boolean secondBusy = second.isEmpty() || secondLoad.map(load -> busy(load, busyShare)).orElse(false);
        if (!firstBusy || !secondBusy) {
            return judged;
        }
        String during = String.format(Locale.ROOT, "other processes used %.1f%% of the machine's CPU time during the campaign",
                100 * firstLoad.otherProcesses())
                + secondLoad.filter(l -> second.isPresent()).map(l -> String.format(Locale.ROOT, " and %.1f%% during the confirmation",
                100 * l.otherProcesses())).orElse("");
        return judged.onBusyMachine(during + String.format(Locale.ROOT, ", above perf.busyMachine.otherProcesses=%.0f%%; a "
                + "neighbour slows two-core JIT compiles more than one-core native, so the ratios to native cannot tell it "
                + "from a regression. Re-run on a quiet machine (the noise line of target/perf-report.md shows the share).",
                100 * busyShare));
    }

    private static boolean busy(MachineLoad load, double busyShare) {
        return load.known() && load.otherProcesses() > busyShare;
    }

    static Judgement judge(Series series, MetricBaseline stored, double relativeTolerance, VerdictRule rule) {
        Metric metric = series.metric();
        Tolerance tolerance = metric.lowerIsBetter()
                ? Tolerance.lowerIsBetter(relativeTolerance)
                : Tolerance.higherIsBetter(relativeTolerance);
        String name = metric.title();
        if (metric == Metric.ARTEFACT_SIZE) {
            // A file size has no noise: compare the value itself.
            return new Judgement(series.subject(), metric,
                    VerdictRule.compareExact(name, metric.unit(), stored.median(), series.values()[0], tolerance), Optional.empty());
        }
        // Seeded by what is compared, so the same data always gives the same verdict.
        SplittableRandom random = new SplittableRandom((series.subject() + "/" + metric.key()).hashCode());
        Comparison absolute = rule.compare(name, Samples.of(metric.unit(), stored.samples()),
                Samples.of(metric.unit(), series.values()), tolerance, random);
        if (metric.isTiming() && series.hasRatios() && stored.ratioSamples().length > 0) {
            Comparison ratio = rule.compare(name + " / native", Samples.of(RatioToNative.UNIT, stored.ratioSamples()),
                    Samples.of(RatioToNative.UNIT, series.ratiosToNative()), tolerance, random);
            return new Judgement(series.subject(), metric, ratio, Optional.of(absolute));
        }
        return new Judgement(series.subject(), metric, absolute, Optional.empty());
    }
}
