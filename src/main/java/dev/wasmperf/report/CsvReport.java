package dev.wasmperf.report;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.judge.Comparison;
import dev.wasmperf.judge.Finding;

/** target/perf-report.csv: one row per verdict, for spreadsheets; every sample is in the result set file. */
public final class CsvReport {

    static final String HEADER = "subject,variant,role,metric,unit,basis,median,against_median,change,ci_lower,ci_upper,p,tolerance,verdict";

    private CsvReport() {
    }

    public static String render(Comparison comparison) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Finding f : comparison.findings()) {
            csv.append(String.join(",", quote(f.subject()), f.variant(), f.role().name().toLowerCase(), f.metric().key(), f.metric().unit(),
                    f.basis().name().toLowerCase(), Numbers.plain(f.candidateMedian()), Numbers.plain(f.referenceMedian()),
                    Numbers.plain(f.effect().change()), Numbers.plain(f.effect().ci().lower() - 1), Numbers.plain(f.effect().ci().upper() - 1),
                    f.effect().isExact() ? "" : Numbers.plain(f.effect().pValue()), Numbers.plain(f.tolerance()), f.verdict().name()))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") || text.contains(" ") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
