package dev.wasmperf.suite;

import dev.wasmperf.baseline.Judgement;
import dev.wasmperf.format.Numbers;
import dev.wasmperf.judge.PairedJudgement;
import dev.wasmperf.measure.PairedResult;
import dev.wasmperf.measure.Series;
import dev.wasmperf.report.SvgChart;
import dev.wasmperf.report.Summary;
import dev.wasmperf.stats.Comparison;
import io.qameta.allure.Allure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The evidence behind a performance verdict, as Allure attachments: comparison table, samples, chart. */
final class Evidence {

    private Evidence() {
    }

    /**
     * @param epic    the report section: "Performance" for the verdicts, "Self-test" for the canary
     * @param outcome the whole run, for the chart across variants; null when only the verdict's own data is known
     */
    static void attach(String epic, Judgement judgement, Performance.Outcome outcome) {
        Allure.epic(epic);
        Allure.feature(judgement.metric().title());
        Allure.story(judgement.subject());
        Allure.parameter("variant", judgement.subject());
        Allure.parameter("metric", judgement.metric().key());
        Allure.description("Compared with the stored baseline: REGRESSED only when the median moved beyond the tolerance, "
                + "Mann-Whitney p is below alpha and the ratio's interval lies wholly on the worse side. Basis: "
                + (judgement.judgedByRatio() ? "per-round ratio to native." : "absolute values."));
        Allure.addAttachment("comparison with the baseline", "text/markdown", table(judgement), ".md");
        Allure.addAttachment("samples (CSV)", "text/csv", samples(judgement), ".csv");
        if (outcome != null) {
            List<SvgChart.Bar> bars = new ArrayList<>();
            for (Series series : outcome.report().series()) {
                if (series.metric() == judgement.metric()) {
                    Summary s = Summary.of(series);
                    bars.add(new SvgChart.Bar(series.subject(), s.median(), s.mad()));
                }
            }
            Allure.addAttachment(judgement.metric().title() + " across variants", "image/svg+xml",
                    SvgChart.bars(judgement.metric().title() + " (" + judgement.metric().unit() + ")", judgement.metric().unit(), bars), ".svg");
        }
    }

    /** A paired verdict: the verdict line and the per-round values of both builds. */
    static void attach(String epic, PairedJudgement judgement, PairedResult result) {
        Allure.epic(epic);
        Allure.feature(judgement.metric().title() + " (paired)");
        Allure.story(judgement.subject());
        Allure.parameter("variant", judgement.subject());
        Allure.parameter("metric", judgement.metric().key());
        Allure.description("Candidate and reference measured in the same rounds, in a random order per round; the effect is the "
                + "Hodges-Lehmann estimate of the per-round ratio with its Wilcoxon signed-rank interval. REGRESSED only when the whole "
                + "interval lies beyond the tolerance.");
        Allure.addAttachment("verdict", "text/plain", judgement.explain(), ".txt");
        result.pairs().stream().filter(p -> p.candidate().equals(judgement.subject())).findFirst().ifPresent(pair -> {
            double[] c = result.values(pair.candidate(), judgement.metric()).orElseThrow();
            double[] r = result.values(pair.reference(), judgement.metric()).orElseThrow();
            StringBuilder csv = new StringBuilder("round,candidate,reference,ratio\n");
            for (int i = 0; i < c.length; i++) {
                csv.append(i + 1).append(',').append(Numbers.plain(c[i])).append(',').append(Numbers.plain(r[i])).append(',')
                        .append(Numbers.plain(c[i] / r[i])).append('\n');
            }
            Allure.addAttachment("per-round values (CSV)", "text/csv", csv.toString(), ".csv");
        });
    }

    private static String table(Judgement judgement) {
        StringBuilder md = new StringBuilder("| basis | baseline | measured | delta | 95% CI of delta | p | tolerance | verdict |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        row(md, judgement.judgedByRatio() ? "ratio to native (verdict)" : "absolute (verdict)", judgement.primary());
        judgement.absolute().ifPresent(a -> row(md, "absolute (reported)", a));
        judgement.confirmation().ifPresent(c -> row(md, "confirmation campaign (" + judgement.verdictLabel() + ")", c));
        return md.toString();
    }

    private static void row(StringBuilder md, String basis, Comparison c) {
        md.append(String.format(Locale.ROOT, "| %s | %.4g %s | %.4g %s | %+.1f%% | %s | %s | %s | %s |%n", basis,
                c.baseline().median(), c.unit(), c.current().median(), c.unit(), 100 * c.relativeChange(),
                c.isExact() ? "exact" : String.format(Locale.ROOT, "%+.1f%% .. %+.1f%%", 100 * (c.ratioCi().lower() - 1), 100 * (c.ratioCi().upper() - 1)),
                c.isExact() ? "-" : String.format(Locale.ROOT, "%.4f", c.pValue()), c.tolerance(), c.verdict()));
    }

    private static String samples(Judgement judgement) {
        StringBuilder csv = new StringBuilder("which,index,value,unit\n");
        Comparison c = judgement.primary();
        double[] baseline = c.baseline().values();
        double[] current = c.current().values();
        for (int i = 0; i < baseline.length; i++) {
            csv.append("baseline,").append(i).append(',').append(baseline[i]).append(',').append(c.unit()).append('\n');
        }
        for (int i = 0; i < current.length; i++) {
            csv.append("current,").append(i).append(',').append(current[i]).append(',').append(c.unit()).append('\n');
        }
        return csv.toString();
    }
}
