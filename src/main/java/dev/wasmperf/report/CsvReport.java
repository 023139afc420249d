package dev.wasmperf.report;

import dev.wasmperf.baseline.Judgement;
import dev.wasmperf.measure.Series;
import dev.wasmperf.stats.ConfidenceInterval;

import java.util.Locale;
import java.util.Optional;

/** target/perf-report.csv: one row per variant x metric, for spreadsheets and plotting. */
public final class CsvReport {

    public static final String HEADER = "variant,metric,unit,n,median,spread_scaled_mad,ci_low,ci_high,ratio_to_native,"
            + "ratio_ci_low,ratio_ci_high,baseline_median,change,verdict_basis,verdict";

    private CsvReport() {
    }

    public static String render(PerfReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Series series : report.series()) {
            Summary s = Summary.of(series);
            Optional<Judgement> j = report.judgement(series.subject(), series.metric());
            csv.append(String.join(",",
                    series.subject(),
                    series.metric().key(),
                    series.metric().unit(),
                    Integer.toString(s.n()),
                    number(s.median()),
                    number(s.mad()),
                    s.ci().map(ConfidenceInterval::lower).map(CsvReport::number).orElse(""),
                    s.ci().map(ConfidenceInterval::upper).map(CsvReport::number).orElse(""),
                    s.ratioMedian().map(CsvReport::number).orElse(""),
                    s.ratioCi().map(ConfidenceInterval::lower).map(CsvReport::number).orElse(""),
                    s.ratioCi().map(ConfidenceInterval::upper).map(CsvReport::number).orElse(""),
                    j.map(x -> number(x.absolute().orElse(x.primary()).baseline().median())).orElse(""),
                    j.map(x -> number(x.primary().relativeChange())).orElse(""),
                    j.map(x -> x.judgedByRatio() ? "ratio" : x.primary().isExact() ? "exact" : "absolute").orElse(""),
                    j.map(x -> x.verdict().name()).orElse("")))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
