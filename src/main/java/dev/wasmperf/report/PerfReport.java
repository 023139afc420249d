package dev.wasmperf.report;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.judge.Comparison;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Build;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;
import dev.wasmperf.stats.ConfidenceInterval;
import dev.wasmperf.stats.Effect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * target/perf-report.md: the seed report's tables, computed from a result set, each value with its n, spread and
 * interval, ratios to native taken per round; then the verdicts, the runtime x mode matrix and where the time goes.
 */
public final class PerfReport {

    /** The seed report's warm loop: this many consecutive runs. */
    static final int SEED_LOOP = 100;
    private static final String NATIVE = "native";

    private PerfReport() {
    }

    /**
     * @param throughput the concurrent-throughput section (ThroughputIT's result), "" when it did not run
     * @param imageScan  the image-size scan's section (ImageScanIT's result), "" when it did not run
     */
    public static String markdown(Comparison comparison, String throughput, String imageScan) {
        ResultSet r = comparison.current();
        List<SubjectInfo> candidates = r.subjects(BuildRole.CANDIDATE);
        StringBuilder md = new StringBuilder("# wasm-perf-suite performance report\n\n");
        md.append("Run ").append(r.run().id()).append(" of checkout ").append(r.run().checkout()).append(" (").append(r.run().backend())
                .append(" backend").append(r.environment().containsKey("docker-engine") ? ", Docker engine " + r.environment().get("docker-engine") : "")
                .append("), finished ").append(r.run().finished()).append(".\n\n");
        md.append("- **Machine**: ").append(r.machine()).append("; profile `").append(r.profile()).append("`.\n");
        md.append("- **Builds**: candidate ").append(r.build(BuildRole.CANDIDATE).map(Build::description).orElse("-"))
                .append("; reference ").append(r.build(BuildRole.REFERENCE).map(Build::description).orElse("-")).append(".\n");
        md.append("- **Toolchain**: ").append(r.environment().getOrDefault("rustc", "?")).append("; ")
                .append(r.environment().getOrDefault("wasm-opt", "?")).append("; ").append(r.environment().getOrDefault("kernel", "?"))
                .append("; counts by ").append(r.environment().getOrDefault("valgrind", "nothing (not counted)")).append(".\n");
        md.append("- **Measurement**: fixture `").append(r.settings().get("input")).append("`; ").append(r.settings().get("rounds"))
                .append(" rounds after ").append(r.settings().get("warmup_rounds")).append(" warm-up, every subject once cold and ")
                .append(r.settings().getOrDefault("steady_passes", "1")).append(" times steady per round, interleaved with its variant's other ")
                .append("builds (each steady process repeats the inference for about ").append(r.settings().get("steady_millis")).append(" ms: ")
                .append(repeats(r)).append("; JIT variants in one process), the runs of one variant back to back, ")
                .append("in a random order per round (seed ").append(r.settings().get("seed")).append("). Every process is timed by the ")
                .append("launcher from its exec to its exit; CPU times have microsecond resolution. Cold runs find the artefacts in the ")
                .append("page cache (warm-up rounds ran first) except in the page-cache-dropped column of the cold-start section")
                .append(Boolean.parseBoolean(r.settings().getOrDefault("steady_fresh_pages", "false"))
                        ? "; each steady process first drops its artefact from the page cache, so it runs on new physical pages.\n"
                        : "; steady processes reuse the artefact's cached pages.\n");
        md.append("- **Noise**: ").append(r.machineLoad().describe()).append(". ").append(controlNoise(comparison)).append("\n");
        r.notes().forEach(note -> md.append("- **Note**: ").append(note).append("\n"));
        md.append("\nMedians with the scaled MAD (x1.4826, comparable to a standard deviation) as spread and an exact 95% interval of ")
                .append("the median from order statistics. Ratios to native: median of the per-round ratios with its exact 95% ")
                .append("sign-test interval. Native's kernels use ")
                .append(r.subject(NATIVE).map(SubjectInfo::isa).filter(s -> !s.isEmpty()).orElse("(unknown)"))
                .append(", the WebAssembly builds ").append(isas(candidates)).append(": a ratio to native includes that difference in vector width")
                .append(r.subject(RuntimeMatrix.LIKE_FOR_LIKE).isPresent() ? "; `" + RuntimeMatrix.LIKE_FOR_LIKE + "` is the same native binary on its "
                        + "128-bit kernels, and the runtime x mode matrix is also given against it, like for like.\n\n" : ".\n\n");

        md.append(VerdictTable.markdown(comparison)).append('\n');

        md.append("## Cold start\n\nOne classification in a fresh process, exec to exit; JIT variants compile every time (their compile ")
                .append("caches are off).\n\n");
        table(md, r, candidates, Metric.COLD_START);
        if (candidates.stream().anyMatch(s -> Metric.COLD_CACHE_START.values(r, s.key()).length > 0)) {
            md.append("With the page cache dropped first (one run each, root's /proc/sys/vm/drop_caches): the runtime and the artefact ")
                    .append("come from disk, as on a first start after boot. Every other timing here runs with them cached.\n\n");
            md.append("| Variant | Page cache dropped (ms) | Cached, median (ms) | Ratio |\n|---|---|---|---|\n");
            for (SubjectInfo s : candidates) {
                double[] dropped = Metric.COLD_CACHE_START.values(r, s.key());
                Optional<SubjectSummary> cached = SubjectSummary.of(r, s.key(), Metric.COLD_START, Optional.empty());
                if (dropped.length > 0 && cached.isPresent()) {
                    md.append("| ").append(s.key()).append(" | ").append(Numbers.value(dropped[0])).append(" | ")
                            .append(Numbers.value(cached.get().median())).append(" | ")
                            .append(Numbers.fixed(dropped[0] / cached.get().median(), 2)).append("x |\n");
                }
            }
            md.append('\n');
        }
        md.append("CPU time (user + system) of the same runs:\n\n");
        table(md, r, candidates, Metric.CPU_TIME);

        md.append("## Warm loop (").append(SEED_LOOP).append(" runs)\n\nThe seed's loop of consecutive runs, taken from the ")
                .append("cold-start rounds: ").append(SEED_LOOP).append(" x the mean of the measured runs (each in a fresh process, page ")
                .append("cache warm), and the rate they give.\n\n");
        md.append("| Variant | Real (s) | User (s) | Sys (s) | Runs/s | n |\n|---|---|---|---|---|---|\n");
        for (SubjectInfo s : candidates) {
            double[] wall = Metric.COLD_START.values(r, s.key());
            if (wall.length == 0) {
                continue;
            }
            double real = mean(wall) * SEED_LOOP / 1000;
            double user = mean(values(r, s.key(), dev.wasmperf.results.Values.USER_MS)) * SEED_LOOP / 1000;
            double sys = mean(values(r, s.key(), dev.wasmperf.results.Values.SYSTEM_MS)) * SEED_LOOP / 1000;
            md.append("| ").append(s.key()).append(" | ").append(Numbers.fixed(real, 2)).append(" | ").append(Numbers.fixed(user, 2))
                    .append(" | ").append(Numbers.fixed(sys, 2)).append(" | ").append(Numbers.fixed(SEED_LOOP / real, 2)).append(" | ")
                    .append(wall.length).append(" |\n");
        }
        md.append('\n');

        md.append("## Memory usage\n\nPeak resident set of the classifier process (wait4's ru_maxrss), and how the largest sampled ")
                .append("resident set divided into anonymous and file-backed memory (one untimed run with /proc sampled every 0.5 ms).\n\n");
        table(md, r, candidates, Metric.PEAK_RSS);
        if (candidates.stream().anyMatch(s -> Metric.CONTAINER_PEAK.values(r, s.key()).length > 0)) {
            md.append("The container's cgroup memory peak (what its memory limit is enforced on): the process plus the launcher, ")
                    .append("and the page cache this container was the first to read, so it depends on the order of the runs; reported, not judged.\n\n");
            table(md, r, candidates, Metric.CONTAINER_PEAK);
        }
        md.append("| Variant | Anonymous at peak (KiB) | File-backed at peak (KiB) |\n|---|---|---|\n");
        for (SubjectInfo s : candidates) {
            double[] anon = Metric.ANON_AT_PEAK.values(r, s.key());
            double[] file = Metric.FILE_AT_PEAK.values(r, s.key());
            md.append("| ").append(s.key()).append(" | ").append(anon.length == 0 ? "-" : Numbers.value(anon[0])).append(" | ")
                    .append(file.length == 0 ? "-" : Numbers.value(file[0])).append(" |\n");
        }
        md.append('\n');

        md.append("## Artefact size\n\nThe file each variant runs: the native binary, the `.wasm` (JIT), the precompiled module (AOT).\n\n");
        md.append("| Variant | File | Size (bytes) | Ratio to native |\n|---|---|---|---|\n");
        for (SubjectInfo s : candidates) {
            md.append("| ").append(s.key()).append(" | `").append(java.nio.file.Path.of(s.program()).getFileName()).append("` | ")
                    .append(String.format(Locale.ROOT, "%,d", s.programBytes())).append(" | ")
                    .append(ratio(SubjectSummary.of(r, s.key(), Metric.ARTEFACT_SIZE, Optional.of(NATIVE)))).append(" |\n");
        }
        md.append('\n');

        md.append("## Throughput\n\n**Steady state, inside one process**: inferences per second after the first (1000 / the ")
                .append("fastest of the repeats, per round): the speed of the code each runtime generates.\n\n");
        md.append("| Variant | Inferences/s | 95% CI | n | Ratio to native |\n|---|---|---|---|---|\n");
        for (SubjectInfo s : candidates) {
            SubjectSummary.of(r, s.key(), Metric.STEADY_INFERENCE, Optional.of(NATIVE)).ifPresent(sum -> md.append("| ").append(s.key())
                    .append(" | ").append(Numbers.value(1000 / sum.median())).append(" | ")
                    .append(sum.ci().map(ci -> Numbers.value(1000 / ci.upper()) + " .. " + Numbers.value(1000 / ci.lower())).orElse("-"))
                    .append(" | ").append(sum.n()).append(" | ")
                    .append(sum.ratio().map(e -> Numbers.fixed(1 / e.ratio(), 2) + "x").orElse(s.key().equals(NATIVE) ? "1" : "-")).append(" |\n"));
        }
        md.append("\n**Sequential fresh processes** (the seed's runs/s): the warm loop's rate above.\n\n");
        md.append(throughput.isEmpty() ? "**Concurrent fresh processes**: not measured in this run (ThroughputIT did not run).\n\n" : throughput);

        // One column per runtime and compiler that has both modes here (wazero and V8 have no AOT).
        Set<String> runtimes = new LinkedHashSet<>();
        candidates.stream().filter(s -> s.mode().equals("jit")).map(RuntimeMatrix::row)
                .filter(row -> candidates.stream().anyMatch(s -> s.key().equals(row + "-aot"))).forEach(runtimes::add);
        md.append("## JIT vs AOT\n\n");
        if (runtimes.isEmpty()) {
            md.append("No runtime and compiler ran in both modes in this run.\n\n");
        } else {
            jitVersusAot(md, r, runtimes);
        }

        md.append(RuntimeMatrix.markdown(r));

        md.append("## Where the time goes\n\nMedians (ms) of the cold runs: the program's own phases as it measures them, and what ")
                .append("the process spent outside the program (runtime start-up, module compile or load, exit); where the runtime ")
                .append("runs through a runner of the suite's (Node.js, Chicory), the runner times the module's parse, compile and ")
                .append("instantiation itself, and the rest is start-up (a whole JVM, for Chicory) and exit. The compile column ")
                .append("is measured separately: `<runtime> compile` of the same module, timed like everything else.\n\n");
        md.append("| Variant | Outside the program | of which module load (runner) | Model load | Decode | Preprocess | First inference | Steady inference | Compile (measured) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (SubjectInfo s : candidates) {
            md.append("| ").append(s.key());
            for (Metric m : List.of(Metric.OUTSIDE_PROGRAM, Metric.RUNNER_MODULE_LOAD, Metric.MODEL_LOAD, Metric.DECODE, Metric.PREPROCESS, Metric.FIRST_INFERENCE,
                    Metric.STEADY_INFERENCE)) {
                md.append(" | ").append(SubjectSummary.of(r, s.key(), m, Optional.empty()).map(x -> Numbers.value(x.median())).orElse("-"));
            }
            // Both modes of a runtime and compiler share the AOT variant's compile of the same module.
            String compiled = s.mode().equals("native") ? "-" : SubjectSummary.of(r, RuntimeMatrix.row(s) + "-aot", Metric.AOT_COMPILE, Optional.empty())
                    .map(x -> Numbers.value(x.median())).orElse("-");
            md.append(" | ").append(compiled).append(" |\n");
        }
        md.append('\n');

        md.append(imageScan.isEmpty() ? "## How cost grows with the image\n\nNot measured in this run (ImageScanIT did not run).\n\n" : imageScan);

        md.append("## Instructions\n\nCounted by Valgrind (x86-64 with AVX2, the same CPU on every host): one classification, and one ")
                .append("inference (a run with one more inference, minus the plain run). Blind to system calls, page faults and cache ")
                .append("misses, which the timings see.\n\n");
        md.append("| Variant | Per run | Ratio to native | Per inference | Ratio to native |\n|---|---|---|---|---|\n");
        List<String> uncounted = new java.util.ArrayList<>();
        for (SubjectInfo s : candidates) {
            Optional<SubjectSummary> run = SubjectSummary.of(r, s.key(), Metric.INSTRUCTIONS, Optional.of(NATIVE));
            Optional<SubjectSummary> inference = SubjectSummary.of(r, s.key(), Metric.INSTRUCTIONS_PER_INFERENCE, Optional.of(NATIVE));
            if (run.isEmpty() && inference.isEmpty()) {
                uncounted.add(s.key());
                continue;
            }
            md.append("| ").append(s.key()).append(" | ").append(run.map(x -> Numbers.value(x.median())).orElse("-")).append(" | ")
                    .append(ratio(run)).append(" | ").append(inference.map(x -> Numbers.value(x.median())).orElse("-")).append(" | ")
                    .append(ratio(inference)).append(" |\n");
        }
        if (!uncounted.isEmpty()) {
            md.append("\nNot counted in this run: ").append(String.join(", ", uncounted))
                    .append(" (perf.instructions=false, or perf.instructions.<group>=false with its reason in suite.properties).\n");
        }
        md.append('\n');
        return md.toString();
    }

    /** One column per runtime and compiler that ran in both modes: each metric JIT → AOT, the change per round. */
    private static void jitVersusAot(StringBuilder md, ResultSet r, Set<String> runtimes) {
        md.append("| Metric | ");
        runtimes.forEach(rt -> md.append(rt).append(" JIT → AOT | "));
        md.append("\n|---|").append("---|".repeat(runtimes.size())).append('\n');
        // No steady-cpu: JIT variants have no shared steady run.
        for (Metric metric : List.of(Metric.COLD_START, Metric.COLD_CPU, Metric.STEADY_INFERENCE, Metric.PEAK_RSS, Metric.ARTEFACT_SIZE, Metric.INSTRUCTIONS)) {
            md.append("| ").append(metric.title()).append(" (").append(metric.unit()).append(") | ");
            for (String rt : runtimes) {
                Optional<SubjectSummary> jit = SubjectSummary.of(r, rt + "-jit", metric, Optional.empty());
                Optional<SubjectSummary> aot = SubjectSummary.of(r, rt + "-aot", metric, Optional.of(rt + "-jit"));
                md.append(jit.isPresent() && aot.isPresent() ? Numbers.value(jit.get().median()) + " → " + Numbers.value(aot.get().median())
                        + aot.get().ratio().map(e -> " (" + Numbers.signedPercent(e.change()) + ")").orElse("") : "-").append(" | ");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** How much the reference measured against itself (the control) moved: the run's own paired noise. */
    private static String controlNoise(Comparison comparison) {
        StringBuilder out = new StringBuilder();
        comparison.findings().stream().filter(f -> f.role() == BuildRole.CONTROL && !f.effect().isExact()).forEach(f -> out
                .append(out.length() == 0 ? "The reference against itself (A/A): " : "; ").append(f.subject().replace(BuildRole.CONTROL.suffix(), ""))
                .append(' ').append(f.metric().key()).append(' ').append(Numbers.signedPercent(f.effect().change())).append(" (")
                .append(Numbers.signedPercent(f.effect().ci().lower() - 1)).append(" .. ").append(Numbers.signedPercent(f.effect().ci().upper() - 1))
                .append(")"));
        return out.length() == 0 ? "" : out + ".";
    }

    private static void table(StringBuilder md, ResultSet r, List<SubjectInfo> subjects, Metric metric) {
        md.append("| Variant | Median (").append(metric.unit()).append(") | Spread | 95% CI | n | Ratio to native (95% CI) |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (SubjectInfo s : subjects) {
            SubjectSummary.of(r, s.key(), metric, Optional.of(NATIVE)).ifPresent(sum -> md.append("| ").append(s.key()).append(" | ")
                    .append(Numbers.value(sum.median())).append(" | ±").append(Numbers.value(sum.spread())).append(" | ")
                    .append(sum.ci().map(PerfReport::interval).orElse("n too small")).append(" | ").append(sum.n()).append(" | ")
                    .append(ratio(Optional.of(sum))).append(" |\n"));
        }
        md.append('\n');
    }

    static String ratio(Optional<SubjectSummary> summary) {
        Optional<Effect> effect = summary.flatMap(SubjectSummary::ratio);
        if (effect.isEmpty()) {
            return summary.isPresent() && summary.get().subject().equals(NATIVE) ? "1" : "-";
        }
        Effect e = effect.get();
        return Numbers.fixed(e.ratio(), 2) + "x" + (e.isExact() ? "" : " (" + Numbers.fixed(e.ci().lower(), 2) + " .. "
                + Numbers.fixed(e.ci().upper(), 2) + ")");
    }

    private static String interval(ConfidenceInterval ci) {
        return Numbers.value(ci.lower()) + " .. " + Numbers.value(ci.upper());
    }

    /** "native 16, wasmtime-aot 12, ..." from the settings the run recorded. */
    private static String repeats(ResultSet r) {
        StringBuilder out = new StringBuilder();
        r.settings().forEach((key, value) -> {
            if (key.startsWith("repeat.")) {
                out.append(out.length() == 0 ? "" : ", ").append(key.substring("repeat.".length())).append(' ').append(value);
            }
        });
        return out.length() == 0 ? r.settings().getOrDefault("repeat", "?") + " times" : out + " repeats";
    }

    private static String isas(List<SubjectInfo> subjects) {
        Set<String> isas = new LinkedHashSet<>();
        subjects.stream().filter(s -> !s.mode().equals(NATIVE) && !s.isa().isEmpty()).forEach(s -> isas.add(s.isa()));
        return isas.isEmpty() ? "(unknown)" : String.join(", ", isas);
    }

    private static double[] values(ResultSet r, String subject, String key) {
        return r.samples(subject, dev.wasmperf.results.SampleKind.COLD).stream().mapToDouble(s -> s.values().getOrDefault(key, Double.NaN))
                .filter(Double::isFinite).toArray();
    }

    private static double mean(double[] values) {
        return java.util.Arrays.stream(values).average().orElse(Double.NaN);
    }
}
