package dev.wasmperf.cli;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.format.Numbers;
import dev.wasmperf.judge.Basis;
import dev.wasmperf.judge.Comparison;
import dev.wasmperf.judge.Finding;
import dev.wasmperf.judge.Judge;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSets;
import dev.wasmperf.results.SubjectInfo;
import dev.wasmperf.stats.Samples;
import dev.wasmperf.stats.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How noisy the paired verdicts are on this machine, from the result sets of several runs of the same code (ci/noise.sh
 * makes them): every pair whose two builds are the same bytes on the same runtime (the A/A control, and the candidate
 * when the checkout is the reference) is a measurement of nothing, so its effects are the noise, and any verdict other
 * than UNCHANGED is a false alarm. The canary's verdicts say how often its known cost was caught.
 *
 * <pre>
 *   mvn -q exec:java@noise -Dresults=target/noise
 * </pre>
 */
public final class Noise {

    private Noise() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(System.getProperty("results", args.length > 0 ? args[0] : "target/noise"));
        List<ResultSet> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                runs.add(ResultSets.read(file));
            }
        }
        if (runs.isEmpty()) {
            System.err.println("noise: no result sets in " + dir + "; make some with: bash ci/noise.sh <runs>");
            System.exit(2);
        }
        System.out.print(report(runs, JudgeSettings.from(SuiteConfig.load())));
    }

    /** One row per (kind of pair, variant, metric): the A/A pairs' effects and false alarms, the canary's detections. */
    static String report(List<ResultSet> runs, JudgeSettings settings) {
        Map<String, List<Finding>> byRow = new TreeMap<>();
        for (ResultSet run : runs) {
            Comparison comparison = Judge.compare(run, Optional.empty(), settings);
            for (Finding f : comparison.findings()) {
                if (f.basis() != Basis.PAIRED) {
                    continue;
                }
                String kind = f.role() == BuildRole.CANARY ? "canary" : sameBuild(run, f) ? "A/A" : null;
                if (kind != null) {
                    byRow.computeIfAbsent(kind + "|" + f.variant() + "|" + f.metric().ordinal(), k -> new ArrayList<>()).add(f);
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d runs on %s%n%n", runs.size(),
                runs.stream().map(ResultSet::profile).distinct().toList()));
        out.append(String.format(Locale.ROOT, "%-7s %-14s %-28s %6s %9s %9s %11s %9s %s%n", "pair", "variant", "metric", "runs",
                "median", "max |x|", "CI half", "tolerance", "verdicts other than unchanged"));
        byRow.forEach((key, findings) -> {
            String[] parts = key.split("\\|");
            Metric metric = Metric.values()[Integer.parseInt(parts[2])];
            double[] effects = findings.stream().mapToDouble(f -> f.effect().change()).toArray();
            double[] halves = findings.stream().mapToDouble(f -> (f.effect().ci().upper() - f.effect().ci().lower()) / 2).toArray();
            long flagged = findings.stream().filter(f -> f.verdict() != Verdict.UNCHANGED).count();
            out.append(String.format(Locale.ROOT, "%-7s %-14s %-28s %6d %9s %9s %11s %9s %d%s%n", parts[0], parts[1], metric.key(),
                    findings.size(), Numbers.signedPercent(Samples.of("", effects).median()),
                    Numbers.percent(java.util.Arrays.stream(effects).map(Math::abs).max().orElse(0)),
                    "±" + Numbers.percent(Samples.of("", halves).median()), Numbers.percent(findings.get(0).tolerance()), flagged,
                    parts[0].equals("canary") ? " (REGRESSED " + findings.stream().filter(f -> f.verdict() == Verdict.REGRESSED).count() + ")" : ""));
        });
        return out.toString();
    }

    /** The judged subject and its reference ran the same bytes on the same runtime version. */
    private static boolean sameBuild(ResultSet run, Finding f) {
        Optional<SubjectInfo> subject = run.subject(f.subject());
        Optional<SubjectInfo> reference = run.referenceOf(f.variant());
        return subject.isPresent() && reference.isPresent() && subject.get().programSha256().equals(reference.get().programSha256())
                && subject.get().runtimeVersion().equals(reference.get().runtimeVersion());
    }
}
