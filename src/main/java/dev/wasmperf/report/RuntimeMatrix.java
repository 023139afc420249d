package dev.wasmperf.report;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime x compilation-mode matrix: for every runtime and mode measured, cold start, steady-state inference and
 * peak memory as ratios to native, from the same rounds. One table that shows where each runtime loses.
 */
public final class RuntimeMatrix {

    private static final List<Metric> CELLS = List.of(Metric.COLD_START, Metric.STEADY_INFERENCE, Metric.PEAK_RSS);

    private RuntimeMatrix() {
    }

    public static String markdown(ResultSet result) {
        List<SubjectInfo> wasm = result.subjects(BuildRole.CANDIDATE).stream().filter(s -> !s.mode().equals("native")).toList();
        if (wasm.isEmpty() || result.subject("native").isEmpty()) {
            return "";
        }
        Set<String> runtimes = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        wasm.forEach(s -> {
            runtimes.add(s.runtime());
            modes.add(s.mode());
        });
        StringBuilder md = new StringBuilder("## Runtime x mode, as ratios to native\n\nEach cell: cold start / steady-state inference / ")
                .append("peak RSS, each the median of the per-round ratios to native (1.00 = as native).\n\n| Runtime | ");
        modes.forEach(m -> md.append(m.toUpperCase(java.util.Locale.ROOT)).append(" | "));
        md.append("\n|---|").append("---|".repeat(modes.size())).append('\n');
        for (String runtime : runtimes) {
            md.append("| ").append(runtime).append(" | ");
            for (String mode : modes) {
                Optional<SubjectInfo> subject = wasm.stream().filter(s -> s.runtime().equals(runtime) && s.mode().equals(mode)).findFirst();
                md.append(subject.map(s -> cell(result, s.key())).orElse("-")).append(" | ");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private static String cell(ResultSet result, String subject) {
        StringBuilder cell = new StringBuilder();
        for (Metric metric : CELLS) {
            if (cell.length() > 0) {
                cell.append(" / ");
            }
            cell.append(SubjectSummary.ratio(result, metric, subject, "native").map(e -> Numbers.fixed(e.ratio(), 2)).orElse("-"));
        }
        return cell.toString();
    }
}
