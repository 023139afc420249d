package dev.wasmperf.judge;

import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Build;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;
import dev.wasmperf.stats.Effect;
import dev.wasmperf.stats.RankSumShift;
import dev.wasmperf.stats.Samples;
import dev.wasmperf.stats.PairedMedian;
import dev.wasmperf.stats.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verdicts from result sets: a pure function of a run's result set, the stored one (if any) and the settings, so a
 * saved run can be judged again without measuring (cli.Compare) and gets the same verdicts.
 *
 * <p><b>Paired</b> (every subject against its variant's reference, from the same run): a per-round metric's effect is
 * the median of the per-round log ratios with its exact sign-test interval (stats.PairedMedian); an exact metric
 * (instructions, sizes) is the ratio of the values. REGRESSED when the whole interval lies above 1 + tolerance, IMPROVED
 * when it lies below 1 / (1 + tolerance), else UNCHANGED. The tolerance keeps a real but negligible difference from
 * failing; requiring the interval, not just the estimate, to clear it keeps a noisy run from failing.
 *
 * <p><b>Stored</b> (this run's candidates against the values stored for this exact machine profile): timings and memory
 * only where the stored values are of the program bytes and runtime version that are now the reference's, and only
 * while that unchanged reference measures here what it measured then (its shift's estimate within the tolerance, and
 * for a verdict other than UNCHANGED its whole interval); otherwise the machine, not the code, may have moved and the
 * verdict is INCONCLUSIVE with that reason. Instruction counts do not depend on the host CPU (Valgrind presents the
 * same one everywhere) and are compared whenever the Valgrind version matches.
 */
public final class Judge {

    private Judge() {
    }

    public static Comparison compare(ResultSet run, Optional<ResultSet> stored, JudgeSettings settings) {
        List<Finding> findings = new ArrayList<>();
        Set<String> status = new LinkedHashSet<>();
        paired(run, settings, findings, status);
        stored(run, stored, settings, findings, status);
        return new Comparison(run, stored, findings, List.copyOf(status));
    }

    private static void paired(ResultSet run, JudgeSettings settings, List<Finding> findings, Set<String> status) {
        String referenceBuild = run.build(BuildRole.REFERENCE).map(Build::description).orElse("the reference");
        for (SubjectInfo subject : run.subjects()) {
            if (subject.role() == BuildRole.REFERENCE) {
                continue;
            }
            Optional<SubjectInfo> reference = run.referenceOf(subject.variant());
            if (reference.isEmpty()) {
                status.add(subject.key() + ": no reference build was measured, so nothing judges it paired");
                continue;
            }
            String candidateBuild = run.build(subject.role()).map(Build::description).orElse(subject.role().name().toLowerCase());
            for (Metric metric : Metric.values()) {
                Optional<Double> tolerance = settings.tolerances().of(metric, subject.jit(), subject.runtime());
                if (settings.tolerances().unjudged(metric, subject.runtime()) && subject.role() == BuildRole.CANDIDATE) {
                    status.add(subject.key() + ": " + metric.title() + " reported, not judged (perf.tolerance." + metric.key() + "."
                            + subject.runtime() + "=none; suite.properties says why)");
                }
                if (tolerance.isEmpty()) {
                    continue;
                }
                Optional<double[][]> values = metric.perRound() ? metric.paired(run, subject.key(), reference.get().key())
                        : exactValues(run, run, metric, subject.key(), reference.get().key());
                if (values.isEmpty()) {
                    continue;
                }
                double[] c = values.get()[0];
                double[] r = values.get()[1];
                if (metric.perRound() && c.length < settings.minPairs()) {
                    status.add(subject.key() + ": " + metric.title() + " has " + c.length + " paired rounds, fewer than the "
                            + settings.minPairs() + " an interval needs; not judged");
                    continue;
                }
                Effect effect = metric.perRound() ? PairedMedian.paired(c, r, settings.confidence())
                        : Effect.exact(median(metric, c), median(metric, r), "ratio of the counted values");
                findings.add(new Finding(Basis.PAIRED, subject.key(), subject.variant(), subject.role(), metric, effect, tolerance.get(),
                        verdict(effect, tolerance.get()), "", median(metric, c), median(metric, r), candidateBuild, referenceBuild));
            }
        }
    }

    private static void stored(ResultSet run, Optional<ResultSet> storedSet, JudgeSettings settings, List<Finding> findings,
                               Set<String> status) {
        if (storedSet.isEmpty()) {
            status.add("no values are stored for this machine profile (" + run.profile() + "): judged by the paired comparison only");
            return;
        }
        ResultSet stored = storedSet.get();
        boolean sameProfile = stored.profile().equals(run.profile());
        boolean sameValgrind = Objects.equals(stored.environment().get("valgrind"), run.environment().get("valgrind"));
        Optional<Build> storedBuild = stored.build(BuildRole.CANDIDATE);
        Set<String> ofOtherBytes = new TreeSet<>();
        String storedLabel = "run " + stored.run().id() + ", " + storedBuild.map(Build::description).orElse("unknown build");
        if (!sameProfile) {
            status.add("the stored values (" + stored.profile() + ") are of another machine profile than this one (" + run.profile()
                    + "; " + String.join(", ", run.machine().differences(stored.machine())) + "): only their instruction counts are "
                    + "compared, which do not depend on the host CPU");
        }
        if (!sameValgrind) {
            status.add("instruction counts were taken with " + stored.environment().getOrDefault("valgrind", "no Valgrind")
                    + " when stored and with " + run.environment().getOrDefault("valgrind", "no Valgrind") + " now: not compared");
        }
        for (SubjectInfo subject : run.subjects(BuildRole.CANDIDATE)) {
            Optional<SubjectInfo> was = stored.subject(subject.key()).filter(s -> s.role() == BuildRole.CANDIDATE);
            if (was.isEmpty()) {
                status.add(subject.key() + ": nothing stored for it (a new variant?)");
                continue;
            }
            String candidateBuild = run.build(BuildRole.CANDIDATE).map(Build::description).orElse("this checkout");
            boolean storedIsReference = sameProgram(was.get(), run.referenceOf(subject.variant()));
            if (sameProfile && !storedIsReference) {
                ofOtherBytes.add(subject.variant());
            }
            for (Metric metric : Metric.values()) {
                Optional<Double> tolerance = settings.tolerances().of(metric, subject.jit(), subject.runtime());
                if (tolerance.isEmpty()) {
                    continue;
                }
                boolean counted = metric == Metric.INSTRUCTIONS || metric == Metric.INSTRUCTIONS_PER_INFERENCE;
                if (counted ? !sameValgrind : !sameProfile) {
                    continue;
                }
                if (metric.exact()) {
                    exactValues(run, stored, metric, subject.key(), subject.key()).ifPresent(v -> {
                        Effect effect = Effect.exact(median(metric, v[0]), median(metric, v[1]), "ratio of the counted values");
                        findings.add(new Finding(Basis.STORED, subject.key(), subject.variant(), BuildRole.CANDIDATE, metric, effect,
                                tolerance.get(), verdict(effect, tolerance.get()), "", median(metric, v[0]), median(metric, v[1]),
                                candidateBuild, storedLabel));
                    });
                    continue;
                }
                if (!storedIsReference) {
                    continue;
                }
                storedTiming(run, stored, metric, subject, tolerance.get(), settings, candidateBuild, storedLabel).ifPresent(findings::add);
            }
        }
        if (!ofOtherBytes.isEmpty()) {
            status.add("the stored values of " + String.join(", ", ofOtherBytes) + " are of " + storedBuild.map(Build::description)
                    .orElse("an unknown build") + ", not of the reference this run measured (" + run.build(BuildRole.REFERENCE)
                    .map(Build::description).orElse("none") + "): other program bytes or another runtime version, so their timings "
                    + "and memory are not compared; record them anew with the update command");
        }
    }

    /**
     * Values stored for {@code stored} measured what this run's reference runs: the same program bytes on the same runtime
     * version. Bytes, not source trees: a reference commit whose build scripts changed but whose builds are byte-identical
     * keeps every profile's stored values, and a toolchain that changes the bytes of the same sources does not.
     */
    static boolean sameProgram(SubjectInfo stored, Optional<SubjectInfo> reference) {
        return reference.isPresent() && !stored.programSha256().isEmpty() && stored.programSha256().equals(reference.get().programSha256())
                && stored.runtimeVersion().equals(reference.get().runtimeVersion());
    }

    /** A timing or memory metric of a candidate against its stored values, gated by how the reference moved since. */
    private static Optional<Finding> storedTiming(ResultSet run, ResultSet stored, Metric metric, SubjectInfo subject, double tolerance,
                                                 JudgeSettings settings, String candidateBuild, String storedLabel) {
        double[] now = metric.values(run, subject.key());
        double[] then = metric.values(stored, subject.key());
        if (now.length < 4 || then.length < 4) {
            return Optional.empty();
        }
        Effect effect = RankSumShift.compare(Samples.of(metric.unit(), now), Samples.of(metric.unit(), then), settings.confidence());
        Verdict verdict = verdict(effect, tolerance);
        String note = "";
        Optional<SubjectInfo> reference = run.referenceOf(subject.variant());
        double[] referenceNow = reference.map(r -> metric.values(run, r.key())).orElse(new double[0]);
        if (referenceNow.length < 4) {
            if (verdict != Verdict.UNCHANGED) {
                note = "no reference was measured in this run, so a change of the machine cannot be told from a change of the code";
                verdict = Verdict.INCONCLUSIVE;
            }
        } else {
            Effect drift = RankSumShift.compare(Samples.of(metric.unit(), referenceNow), Samples.of(metric.unit(), then), settings.confidence());
            if (drift.ratio() > 1 + tolerance || drift.ratio() < 1 / (1 + tolerance)) {
                note = "the unchanged reference build measured " + dev.wasmperf.format.Numbers.signedPercent(drift.change())
                        + " off these stored values here: the machine, not the code, differs from when they were stored";
                verdict = Verdict.INCONCLUSIVE;
            } else if (verdict != Verdict.UNCHANGED && !(drift.ci().lower() > 1 / (1 + tolerance) && drift.ci().upper() < 1 + tolerance)) {
                // A candidate that is the reference's bytes moves with it; if the machine may have moved by the tolerance (the
                // reference's interval reaches it), a candidate just past it says nothing about the code.
                note = "the unchanged reference build measured " + dev.wasmperf.format.Numbers.signedPercent(drift.change()) + " ("
                        + dev.wasmperf.format.Numbers.signedPercent(drift.ci().lower() - 1) + " .. "
                        + dev.wasmperf.format.Numbers.signedPercent(drift.ci().upper() - 1) + ") off these stored values here: the "
                        + "machine may have moved by the tolerance, so this change cannot be put on the code";
                verdict = Verdict.INCONCLUSIVE;
            }
        }
        return Optional.of(new Finding(Basis.STORED, subject.key(), subject.variant(), BuildRole.CANDIDATE, metric, effect, tolerance,
                verdict, note, median(metric, now), median(metric, then), candidateBuild, storedLabel));
    }

    private static Optional<double[][]> exactValues(ResultSet run, ResultSet other, Metric metric, String subject, String otherSubject) {
        double[] c = metric.values(run, subject);
        double[] r = metric.values(other, otherSubject);
        return c.length == 0 || r.length == 0 ? Optional.empty() : Optional.of(new double[][] {c, r});
    }

    private static double median(Metric metric, double[] values) {
        return Samples.of(metric.unit(), values).median();
    }

    /** The rule on its own, for its tests. */
    static Verdict verdict(Effect effect, double tolerance) {
        if (effect.ci().isAbove(1 + tolerance)) {
            return Verdict.REGRESSED;
        }
        if (effect.ci().isBelow(1 / (1 + tolerance))) {
            return Verdict.IMPROVED;
        }
        return Verdict.UNCHANGED;
    }
}
