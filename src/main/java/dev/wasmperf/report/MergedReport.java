package dev.wasmperf.report;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.judge.Judge;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Result sets of several machines in one report, each machine profile kept apart: per metric a table of every
 * variant on every profile (the newest run of each), then each profile's own verdicts and runtime x mode matrix.
 * Nothing is averaged across profiles: a Zen 2 and a Zen 4 millisecond are different quantities.
 */
public final class MergedReport {

    private static final List<Metric> ACROSS = List.of(Metric.COLD_START, Metric.STEADY_INFERENCE, Metric.PEAK_RSS, Metric.INSTRUCTIONS,
            Metric.INSTRUCTIONS_PER_INFERENCE);

    private MergedReport() {
    }

    public static String markdown(List<ResultSet> results, JudgeSettings settings) {
        Map<String, List<ResultSet>> byProfile = new TreeMap<>();
        for (ResultSet r : results) {
            byProfile.computeIfAbsent(r.profile() + " (" + r.run().backend() + ")", p -> new ArrayList<>()).add(r);
        }
        Map<String, ResultSet> newest = new TreeMap<>();
        byProfile.forEach((profile, runs) -> newest.put(profile, runs.stream().max(Comparator.comparing(r -> r.run().started())).orElseThrow()));
        StringBuilder md = new StringBuilder("# wasm-perf-suite: " + results.size() + " runs on " + byProfile.size() + " machine profiles\n\n");
        md.append("| Profile | Machine | Runs | Newest run | Checkout |\n|---|---|---|---|---|\n");
        byProfile.forEach((profile, runs) -> {
            ResultSet r = newest.get(profile);
            md.append("| `").append(profile).append("` | ").append(r.machine()).append(" | ").append(runs.size()).append(" | ")
                    .append(r.run().id()).append(" | ").append(r.run().checkout()).append(" |\n");
        });
        md.append("\nEach profile's newest run; medians of the candidate builds. Timings differ between CPU generations by design; ")
                .append("instruction counts are taken on the same (Valgrind) CPU everywhere and should agree.\n\n");
        for (Metric metric : ACROSS) {
            md.append("## ").append(metric.title()).append(" (").append(metric.unit()).append(")\n\n| Variant | ");
            newest.keySet().forEach(p -> md.append('`').append(p).append("` | "));
            md.append("\n|---|").append("---|".repeat(newest.size())).append('\n');
            Set<String> variants = new LinkedHashSet<>();
            newest.values().forEach(r -> r.subjects(BuildRole.CANDIDATE).forEach(s -> variants.add(s.key())));
            for (String variant : variants) {
                md.append("| ").append(variant).append(" | ");
                for (ResultSet r : newest.values()) {
                    Optional<SubjectInfo> s = r.subject(variant);
                    md.append(s.flatMap(x -> SubjectSummary.of(r, x.key(), metric, Optional.empty())).map(x -> Numbers.value(x.median()))
                            .orElse("-")).append(" | ");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        newest.forEach((profile, r) -> {
            md.append("# Profile `").append(profile).append("`\n\n");
            md.append(VerdictTable.markdown(Judge.compare(r, Optional.empty(), settings))).append('\n');
            md.append(RuntimeMatrix.markdown(r));
        });
        return md.toString();
    }
}
