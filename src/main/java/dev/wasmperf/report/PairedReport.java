package dev.wasmperf.report;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.judge.PairedJudgement;
import dev.wasmperf.measure.BuildRole;
import dev.wasmperf.measure.PairedResult;

import java.util.List;
import java.util.Map;

/** The paired verdicts as Markdown: the same table on the console, in the report and from cli.Compare. */
public final class PairedReport {

    private PairedReport() {
    }

    public static String markdown(String title, PairedResult result, List<PairedJudgement> judgements) {
        StringBuilder md = new StringBuilder("## ").append(title).append("\n\n");
        for (Map.Entry<BuildRole, String> build : result.builds().entrySet()) {
            md.append("- ").append(build.getKey().name().toLowerCase()).append(": ").append(build.getValue()).append('\n');
        }
        md.append("- ").append(result.rounds()).append(" rounds on `").append(result.input()).append("`, every subject once per round in a ")
                .append("random order (seed ").append(result.seed()).append("); ").append(result.machineLoad().describe()).append("\n")
                .append("- effect: Hodges-Lehmann estimate of the per-round ratio candidate / reference with its Wilcoxon signed-rank ")
                .append("interval; REGRESSED only when the whole interval lies beyond the tolerance\n\n");
        md.append("| variant | metric | reference (median) | candidate (median) | effect | interval | tolerance | verdict |\n");
        md.append("|---|---|---:|---:|---:|---|---:|---|\n");
        for (PairedJudgement j : judgements) {
            md.append("| ").append(j.subject()).append(" | ").append(j.metric().title()).append(" | ")
                    .append(Numbers.value(j.referenceMedian())).append(' ').append(j.metric().unit()).append(" | ")
                    .append(Numbers.value(j.candidateMedian())).append(' ').append(j.metric().unit()).append(" | ")
                    .append(Numbers.signedPercent(j.effect().change())).append(" | ")
                    .append(Numbers.signedPercent(j.effect().ci().lower() - 1)).append("..")
                    .append(Numbers.signedPercent(j.effect().ci().upper() - 1)).append(" | ")
                    .append(Numbers.percent(j.tolerance())).append(" | ")
                    .append(j.verdict()).append(j.possibleRegression() ? " (possible regression)" : "").append(" |\n");
        }
        return md.toString();
    }
}
