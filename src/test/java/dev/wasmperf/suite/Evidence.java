package dev.wasmperf.suite;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.judge.Basis;
import dev.wasmperf.judge.Finding;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.report.SubjectSummary;
import dev.wasmperf.report.SvgChart;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;
import io.qameta.allure.Allure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The evidence behind a performance verdict, as Allure attachments: the verdict, the values it rests on, a chart. */
final class Evidence {

    private Evidence() {
    }

    /**
     * @param epic the report section: "Performance" for the verdicts, "Self-test" for the canary and the control
     */
    static void attach(String epic, Finding finding, ResultSet result, Optional<ResultSet> stored) {
        Allure.epic(epic);
        Allure.feature(finding.metric().title() + (finding.basis() == Basis.PAIRED ? " (paired)" : " (stored)"));
        Allure.story(finding.subject());
        Allure.parameter("variant", finding.variant());
        Allure.parameter("build", finding.role().name().toLowerCase());
        Allure.parameter("metric", finding.metric().key());
        Allure.parameter("basis", finding.basis().name().toLowerCase());
        Allure.description(finding.basis() == Basis.PAIRED
                ? "Judged against the reference build measured in the same rounds, back to back in a random order: the median "
                + "of the per-round ratios with its exact sign-test interval (exact ratio for counts and sizes). "
                + "REGRESSED only when the whole interval lies beyond the tolerance."
                : "Judged against the values stored for this machine profile: Hodges-Lehmann shift with its rank-sum interval, "
                + "only while the unchanged reference still measures what it measured then.");
        Allure.addAttachment("verdict", "text/plain", finding.explain(), ".txt");
        Allure.addAttachment("values (CSV)", "text/csv", values(finding, result, stored), ".csv");
        if (finding.role() == BuildRole.CANDIDATE) {
            List<SvgChart.Bar> bars = new ArrayList<>();
            for (SubjectInfo s : result.subjects(BuildRole.CANDIDATE)) {
                SubjectSummary.of(result, s.key(), finding.metric(), Optional.empty())
                        .ifPresent(sum -> bars.add(new SvgChart.Bar(s.key(), sum.median(), sum.spread())));
            }
            Metric m = finding.metric();
            Allure.addAttachment(m.title() + " across variants", "image/svg+xml", SvgChart.bars(m.title() + " (" + m.unit() + ")", m.unit(), bars),
                    ".svg");
        }
    }

    /** Per round the judged subject's and the reference's value (paired), or both sets of values (stored). */
    private static String values(Finding finding, ResultSet result, Optional<ResultSet> stored) {
        Metric metric = finding.metric();
        StringBuilder csv = new StringBuilder();
        if (finding.basis() == Basis.PAIRED && metric.perRound()) {
            String reference = finding.variant() + BuildRole.REFERENCE.suffix();
            Map<Integer, Double> c = metric.byRound(result, finding.subject());
            Map<Integer, Double> r = metric.byRound(result, reference);
            csv.append("round,").append(finding.subject()).append(',').append(reference).append(",ratio\n");
            c.forEach((round, value) -> {
                Double other = r.get(round);
                csv.append(round).append(',').append(Numbers.plain(value)).append(',').append(other == null ? "" : Numbers.plain(other))
                        .append(',').append(other == null ? "" : Numbers.plain(value / other)).append('\n');
            });
            return csv.toString();
        }
        csv.append("which,index,value,unit\n");
        append(csv, "now", metric.values(result, finding.subject()), metric);
        ResultSet other = finding.basis() == Basis.STORED && stored.isPresent() ? stored.get() : result;
        String otherSubject = finding.basis() == Basis.STORED ? finding.subject() : finding.variant() + BuildRole.REFERENCE.suffix();
        append(csv, finding.basis() == Basis.STORED ? "stored" : "reference", metric.values(other, otherSubject), metric);
        return csv.toString();
    }

    private static void append(StringBuilder csv, String which, double[] values, Metric metric) {
        for (int i = 0; i < values.length; i++) {
            csv.append(which).append(',').append(i).append(',').append(Numbers.plain(values[i])).append(',').append(metric.unit()).append('\n');
        }
    }
}
