package dev.wasmperf.report;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.judge.Basis;
import dev.wasmperf.judge.Comparison;
import dev.wasmperf.judge.Finding;
import dev.wasmperf.results.Build;
import dev.wasmperf.results.BuildRole;

/**
 * The verdicts of a comparison as a Markdown table: what the suite prints, writes to target/perf-verdicts.md and puts
 * in the report, and what cli.Compare prints for two saved result sets. A function of the comparison alone, so the same
 * result sets always give the same bytes.
 */
public final class VerdictTable {

    private VerdictTable() {
    }

    public static String markdown(Comparison comparison) {
        StringBuilder md = new StringBuilder("## Verdicts\n\n");
        md.append("Run ").append(comparison.current().run().id()).append(" (").append(comparison.current().run().backend()).append(", ")
                .append(comparison.current().profile()).append("). Paired: each subject against ")
                .append(comparison.current().build(BuildRole.REFERENCE).map(Build::description).orElse("no reference"))
                .append(", measured in the same rounds. Stored: ")
                .append(comparison.stored().map(s -> "run " + s.run().id() + " (" + s.profile() + ")").orElse("none"))
                .append(".\n\n");
        md.append("| Subject | Metric | Basis | Median | Against | Change | 95% CI | p | Tolerance | Verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Finding f : comparison.findings()) {
            boolean exact = f.effect().isExact();
            md.append("| ").append(f.subject()).append(" | ").append(f.metric().title()).append(" | ")
                    .append(f.basis() == Basis.PAIRED ? "paired" : "stored").append(" | ")
                    .append(Numbers.value(f.candidateMedian())).append(' ').append(f.metric().unit()).append(" | ")
                    .append(Numbers.value(f.referenceMedian())).append(' ').append(f.metric().unit()).append(" | ")
                    .append(Numbers.signedPercent(f.effect().change())).append(" | ")
                    .append(exact ? "exact" : Numbers.signedPercent(f.effect().ci().lower() - 1) + " .. "
                            + Numbers.signedPercent(f.effect().ci().upper() - 1)).append(" | ")
                    .append(exact ? "-" : Numbers.pValue(f.effect().pValue())).append(" | ")
                    .append(Numbers.percent(f.tolerance())).append(" | ").append(label(f)).append(" |\n");
        }
        if (comparison.findings().isEmpty()) {
            md.append("| (nothing judged) | | | | | | | | | |\n");
        }
        if (!comparison.status().isEmpty()) {
            md.append("\nNot judged, and why:\n\n");
            comparison.status().forEach(line -> md.append("- ").append(line).append('\n'));
        }
        return md.toString();
    }

    /** The verdict as the table shows it: bold when it is not UNCHANGED, with what makes it so. */
    static String label(Finding f) {
        String verdict = switch (f.verdict()) {
            case REGRESSED -> "**REGRESSED**";
            case IMPROVED -> "**IMPROVED**";
            case INCONCLUSIVE -> "**INCONCLUSIVE**: " + f.note();
            case UNCHANGED -> f.possibleRegression() ? "unchanged (possible regression: the interval does not clear the tolerance)"
                    : "unchanged";
        };
        return verdict.replace("|", "/");
    }
}
