package dev.wasmperf.report;

import dev.wasmperf.baseline.Judgement;
import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.WarmLoopTotals;
import dev.wasmperf.stats.ConfidenceInterval;
import dev.wasmperf.stats.Samples;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** target/perf-report.md: the seed report's tables, each with n, spread, interval and the ratio to native. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(PerfReport report) {
        CampaignResult c = report.campaign();
        StringBuilder md = new StringBuilder();
        md.append("# wasm-perf-suite performance report\n\n");
        md.append("Input: fixture `").append(c.input()).append("`. Machine: ").append(report.fingerprint().machine())
                .append(", kernel ").append(report.fingerprint().kernel()).append(". Runtimes: ")
                .append(report.fingerprint().runtimes()).append(". Measured in ").append(report.duration().toSeconds()).append(" s.\n\n");
        md.append("**Noise:** ").append(noiseLine(report)).append("\n\n");
        md.append("**Baseline:** ").append(report.baselineStatus()).append("\n\n");
        md.append("Medians with the scaled MAD (x1.4826, comparable to a standard deviation) as spread and an exact 95% ")
                .append("interval of the median from order statistics. Ratios to native are taken per round (every variant ")
                .append("runs once per round, in rotating order) and summarised the same way.\n\n");

        md.append("## Cold start\n\nOne classification in a fresh process, spawn to exit (JIT variants compile every time: ")
                .append("compile caches are off).\n\n");
        timingTable(md, report, Metric.COLD_START, "ms");

        WarmLoopTotals any = c.warmLoops().values().stream().findFirst().orElse(null);
        if (any != null) { // a cold-start-only campaign (containers) has no warm loop
            md.append("## Warm loop (").append(any.iterations()).append(" iterations)\n\n");
            md.append("Consecutive runs of one variant, like the seed's shell loop; totals as the seed reported them, then the ")
                    .append("per-run median. Variants alternate in blocks so drift hits all of them.\n\n");
            md.append("| Variant | Real (s) | User (s) | Sys (s) | Per run (ms) | Spread | n | Ratio to native |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (String subject : c.subjects()) {
                WarmLoopTotals t = c.warmLoops().get(subject);
                Optional<Summary> s = report.summary(subject, Metric.WARM_LOOP);
                if (t == null || s.isEmpty()) {
                    continue;
                }
                md.append("| ").append(subject).append(" | ").append(fixed(t.realSeconds(), 2)).append(" | ")
                        .append(fixed(t.userSeconds(), 2)).append(" | ").append(fixed(t.systemSeconds(), 2)).append(" | ")
                        .append(number(s.get().median())).append(" | ±").append(number(s.get().mad())).append(" | ").append(s.get().n())
                        .append(" | ").append(ratio(s.get())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Memory usage\n\nMax RSS of the classifier process over the cold-start runs: GNU time's figure locally (not the JVM's view), the container's cgroup memory peak with -Pcontainers.\n\n");
        timingTable(md, report, Metric.PEAK_RSS, "KiB");

        md.append("## Artefact size\n\n| Artefact | Size (bytes) |\n|---|---|\n");
        c.sizes().forEach((name, bytes) -> md.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, "%,d", bytes))
                .append(" |\n"));
        md.append('\n');

        md.append("## Throughput\n\nRuns per second over a fixed number of sequential executions (JUnitPerf drives them; ")
                .append("the rate is executions / total time).\n\n");
        timingTable(md, report, Metric.THROUGHPUT, "runs/s");

        md.append("## AOT compilation\n\n`wasmtime compile` and `wasmer compile` of the suite's module, round-robin.\n\n");
        timingTable(md, report, Metric.AOT_COMPILE, "ms");

        md.append("## Where the time goes (cold start)\n\nThe classifier's own phase times (median, ms), and what is left of the ")
                .append("process wall time: runtime start-up, module compilation or loading, and process creation.\n\n");
        phaseTable(md, report);

        md.append("## JIT vs AOT\n\n| Metric | Wasmtime JIT → AOT | Wasmer JIT → AOT |\n|---|---|---|\n");
        for (Metric metric : List.of(Metric.COLD_START, Metric.WARM_LOOP, Metric.PEAK_RSS, Metric.THROUGHPUT)) {
            md.append("| ").append(metric.title()).append(" (").append(metric.unit()).append(") | ")
                    .append(jitToAot(report, "wasmtime", metric)).append(" | ").append(jitToAot(report, "wasmer", metric)).append(" |\n");
        }
        md.append('\n');

        md.append("## Verdicts against the baseline\n\n");
        if (report.judgements().isEmpty()) {
            md.append("No verdicts: ").append(report.baselineStatus()).append("\n");
        } else {
            md.append("| Variant | Metric | Basis | Baseline | Now | Change | 95% CI of change | p | Tolerance | Verdict |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (Judgement j : report.judgements()) {
                var p = j.primary();
                md.append("| ").append(j.subject()).append(" | ").append(j.metric().title()).append(" | ")
                        .append(j.judgedByRatio() ? "ratio to native" : p.isExact() ? "exact" : "absolute").append(" | ")
                        .append(number(p.baseline().median())).append(' ').append(p.unit()).append(" | ")
                        .append(number(p.current().median())).append(' ').append(p.unit()).append(" | ")
                        .append(percent(p.relativeChange())).append(" | ")
                        .append(p.isExact() ? "exact" : percent(p.ratioCi().lower() - 1) + " .. " + percent(p.ratioCi().upper() - 1))
                        .append(" | ").append(p.isExact() ? "-" : String.format(Locale.ROOT, "%.4f", p.pValue())).append(" | ")
                        .append(p.tolerance()).append(" | **").append(j.verdictLabel()).append("**")
                        .append(j.confirmation().map(second -> "; second campaign " + percent(second.relativeChange()) + " ("
                                + percent(second.ratioCi().lower() - 1) + " .. " + percent(second.ratioCi().upper() - 1) + ")").orElse(""))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    private static void timingTable(StringBuilder md, PerfReport report, Metric metric, String unit) {
        md.append("| Variant | Median (").append(unit).append(") | Spread | 95% CI | n | Ratio to native (95% CI) |\n");
        md.append("|---|---|---|---|---|---|\n");
        boolean any = false;
        Optional<Summary> reference = report.summary("native", metric);
        for (String subject : report.campaign().subjects()) {
            Optional<Summary> s = report.summary(subject, metric);
            if (s.isEmpty()) {
                continue;
            }
            any = true;
            // Metrics not measured in rounds (throughput) get the ratio of medians, labelled as such.
            String ratio = s.get().ratioMedian().isEmpty() && reference.isPresent() && !subject.equals("native")
                    ? fixed(s.get().median() / reference.get().median(), 2) + "x (of medians)"
                    : ratio(s.get());
            md.append("| ").append(subject).append(" | ").append(number(s.get().median())).append(" | ±").append(number(s.get().mad()))
                    .append(" | ").append(s.get().ci().map(MarkdownReport::interval).orElse("n too small")).append(" | ")
                    .append(s.get().n()).append(" | ").append(ratio).append(" |\n");
        }
        if (!any) {
            md.append("| (not measured in this run) | | | | | |\n");
        }
        md.append('\n');
    }

    private static void phaseTable(StringBuilder md, PerfReport report) {
        List<String> phases = List.of("model_load", "decode", "preprocess", "inference", "total");
        md.append("| Variant | ").append(String.join(" | ", phases)).append(" | outside the program |\n|---|");
        md.append("---|".repeat(phases.size() + 1)).append('\n');
        for (String subject : report.campaign().subjects()) {
            Map<String, double[]> byPhase = report.campaign().phasesUs().get(subject);
            Optional<Summary> wall = report.summary(subject, Metric.COLD_START);
            if (byPhase == null || wall.isEmpty()) {
                continue;
            }
            md.append("| ").append(subject);
            double total = Double.NaN;
            for (String phase : phases) {
                double[] values = byPhase.get(phase);
                double ms = values == null ? Double.NaN : Samples.of("us", values).median() / 1000;
                if (phase.equals("total")) {
                    total = ms;
                }
                md.append(" | ").append(Double.isNaN(ms) ? "-" : number(ms));
            }
            md.append(" | ").append(Double.isNaN(total) ? "-" : number(wall.get().median() - total)).append(" |\n");
        }
        md.append('\n');
    }

    private static String jitToAot(PerfReport report, String runtime, Metric metric) {
        Optional<Summary> jit = report.summary(runtime + "-jit", metric);
        Optional<Summary> aot = report.summary(runtime + "-aot", metric);
        if (jit.isEmpty() || aot.isEmpty()) {
            return "-";
        }
        return number(jit.get().median()) + " → " + number(aot.get().median()) + " (" + percent(aot.get().median() / jit.get().median() - 1) + ")";
    }

    static String noiseLine(PerfReport report) {
        StringBuilder line = new StringBuilder();
        report.summary("native", Metric.COLD_START).ifPresent(s -> line.append(String.format(Locale.ROOT,
                "native cold start varied by %.1f%% (scaled MAD / median, n=%d)", 100 * s.relativeSpread(), s.n())));
        report.summary("native", Metric.WARM_LOOP).ifPresent(s -> line.append(String.format(Locale.ROOT,
                "%snative warm-loop runs by %.1f%% (n=%d)", line.length() > 0 ? "; " : "", 100 * s.relativeSpread(), s.n())));
        double[] load = report.campaign().loadAverage();
        line.append(String.format(Locale.ROOT, "%s1-minute load average %.2f before and %.2f after, on %d cores",
                line.length() > 0 ? "; " : "", load[0], load[1], report.fingerprint().machine().cores()));
        line.append("; ").append(report.campaign().machineLoad().describe()).append('.');
        return line.toString();
    }

    private static String ratio(Summary s) {
        return s.ratioMedian().map(r -> fixed(r, 2) + "x" + s.ratioCi().map(ci -> " (" + fixed(ci.lower(), 2) + "–" + fixed(ci.upper(), 2) + ")")
                .orElse("")).orElse(s.subject().equals("native") ? "1 (reference)" : "-");
    }

    private static String interval(ConfidenceInterval ci) {
        return number(ci.lower()) + " – " + number(ci.upper());
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 1000 ? "%,.0f" : magnitude >= 100 ? "%.1f" : magnitude >= 10 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String percent(double change) {
        return String.format(Locale.ROOT, "%+.1f%%", change * 100);
    }
}
