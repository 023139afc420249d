package dev.wasmperf.judge;

import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Build;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSetBuilder;
import dev.wasmperf.results.SampleKind;
import dev.wasmperf.results.Values;
import dev.wasmperf.stats.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class JudgeTest {

    private static final JudgeSettings SETTINGS = new JudgeSettings(0.95, new Tolerances(Map.of(Metric.STEADY_INFERENCE, 0.03,
            Metric.COLD_START, 0.08, Metric.INSTRUCTIONS, 0.01, Metric.PEAK_RSS, 0.02), Map.of()), 6);

    /** Per-round values around {@code level}, with a machine speed shared by the two subjects of a round. */
    private static double[][] rounds(long seed, int n, double level, double ratio, double noise) {
        return rounds(seed, n, level, ratio, noise, 0.2);
    }

    private static double[][] rounds(long seed, int n, double level, double ratio, double noise, double machineNoise) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] v = new double[2][n];
        for (int i = 0; i < n; i++) {
            double machine = Math.exp(random.nextGaussian() * machineNoise); // the whole machine slower or faster, both alike
            v[0][i] = level * ratio * machine * Math.exp(random.nextGaussian() * noise);
            v[1][i] = level * machine * Math.exp(random.nextGaussian() * noise);
        }
        return v;
    }

    private static ResultSetBuilder pair(ResultSetBuilder builder, String variant, double[][] steady) {
        return builder.subject(variant, BuildRole.CANDIDATE, 1000).subject(variant, BuildRole.REFERENCE, 1000)
                .rounds(variant, SampleKind.STEADY, Values.STEADY_BEST_MS, steady[0])
                .rounds(variant + " (reference)", SampleKind.STEADY, Values.STEADY_BEST_MS, steady[1]);
    }

    private static Finding only(Comparison comparison, Basis basis, Metric metric) {
        return comparison.findings().stream().filter(f -> f.basis() == basis && f.metric() == metric).findFirst().orElseThrow();
    }

    @Test
    void aSlowdownBeyondTheToleranceWithAnIntervalClearOfItIsRegressed() {
        ResultSet run = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "wasmtime-aot", rounds(1, 20, 24, 1.06, 0.01)).build();

        Finding f = only(Judge.compare(run, Optional.empty(), SETTINGS), Basis.PAIRED, Metric.STEADY_INFERENCE);

        assertThat(f.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(f.effect().ratio()).isBetween(1.05, 1.07);
        assertThat(f.explain()).contains("wasmtime-aot: steady-state inference (fastest of the repeats) +", "against the reference, tolerance 3.0%: REGRESSED",
                "candidate: this checkout; reference: commit abc of src/classifier");
    }

    @Test
    void theSameBuildIsUnchangedHoweverMuchTheMachineMovesBetweenRounds() {
        ResultSet run = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "native", rounds(2, 20, 10, 1.0, 0.015)).build();

        Finding f = only(Judge.compare(run, Optional.empty(), SETTINGS), Basis.PAIRED, Metric.STEADY_INFERENCE);

        assertThat(f.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(f.possibleRegression()).isFalse();
    }

    @Test
    void anEstimateBeyondTheToleranceWithAWideIntervalIsAPossibleRegressionNotAFailure() {
        ResultSet run = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "native", rounds(3, 8, 10, 1.05, 0.08)).build();

        Finding f = only(Judge.compare(run, Optional.empty(), SETTINGS), Basis.PAIRED, Metric.STEADY_INFERENCE);

        assertThat(f.effect().ratio()).isGreaterThan(1.03);
        assertThat(f.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(f.possibleRegression()).isTrue();
        assertThat(f.explain()).contains("possible regression");
    }

    @Test
    void aFasterCandidateIsImproved() {
        ResultSet run = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "native", rounds(4, 20, 10, 0.9, 0.01)).build();

        assertThat(only(Judge.compare(run, Optional.empty(), SETTINGS), Basis.PAIRED, Metric.STEADY_INFERENCE).verdict())
                .isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void fewerRoundsThanAnIntervalNeedsAreNotJudgedAndSaySo() {
        ResultSet run = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "native", rounds(5, 5, 10, 1.5, 0.01)).build();

        Comparison c = Judge.compare(run, Optional.empty(), SETTINGS);

        assertThat(c.findings()).noneMatch(f -> f.metric() == Metric.STEADY_INFERENCE);
        assertThat(c.status()).anyMatch(s -> s.contains("native: steady-state inference (fastest of the repeats) has 5 paired rounds, fewer than the 6"));
    }

    @Test
    void instructionCountsAreComparedValueAgainstValue() {
        ResultSet run = ResultSetBuilder.on(ResultSetBuilder.ZEN4).subject("native", BuildRole.CANDIDATE, 1).subject("native", BuildRole.REFERENCE, 1)
                .subject("native", BuildRole.CANARY, 1)
                .counts("native", 283_566_453, 480_000_000).counts("native (reference)", 283_566_453, 480_000_000)
                .counts("native (canary)", 293_500_000, 490_000_000).build();

        Comparison c = Judge.compare(run, Optional.empty(), SETTINGS);

        assertThat(c.findings(Basis.PAIRED, BuildRole.CANDIDATE)).singleElement().satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.UNCHANGED);
            assertThat(f.effect().isExact()).isTrue();
        });
        assertThat(c.findings(Basis.PAIRED, BuildRole.CANARY)).singleElement().satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.REGRESSED));
    }

    @Test
    void storedValuesJudgeTheCandidateWhileTheReferenceStillMeasuresWhatItDid() {
        Build reference = new Build("commit abc of src/classifier", "tree-reference", Map.of("wasmtime", "49.0.2"));
        double[][] then = rounds(6, 20, 24, 1.0, 0.01, 0.005);
        ResultSet stored = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4).id("stored").build(BuildRole.CANDIDATE, reference),
                "wasmtime-aot", then).build();
        double[][] now = rounds(7, 20, 24, 1.10, 0.01, 0.005);
        ResultSet current = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "wasmtime-aot", now).build();

        Finding f = only(Judge.compare(current, Optional.of(stored), SETTINGS), Basis.STORED, Metric.STEADY_INFERENCE);

        assertThat(f.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(f.explain()).contains("against the values stored for this machine", "stored: run stored");
    }

    @Test
    void storedValuesAreOfTheReferenceWhenItRunsTheSameBytesOnTheSameRuntimeVersion() {
        // Stored from a build of another source tree (its build scripts differed) that made the same bytes: still the reference's.
        Build storedBuild = new Build("this checkout (src/classifier tree t)", "tree-other", Map.of("wasmtime", "49.0.2"));
        double[][] then = rounds(6, 20, 24, 1.0, 0.01, 0.005);
        ResultSet stored = ResultSetBuilder.on(ResultSetBuilder.ZEN4).id("stored").build(BuildRole.CANDIDATE, storedBuild)
                .subject("wasmtime-aot", BuildRole.CANDIDATE, 1000, "bytes-a", "49.0.2")
                .rounds("wasmtime-aot", SampleKind.STEADY, Values.STEADY_BEST_MS, then[0]).build();
        double[][] now = rounds(7, 20, 24, 1.10, 0.01, 0.005);
        String[][] references = {{"bytes-a", "49.0.2"}, {"bytes-a", "49.0.3"}, {"bytes-b", "49.0.2"}};
        for (String[] reference : references) {
            ResultSet current = ResultSetBuilder.on(ResultSetBuilder.ZEN4)
                    .subject("wasmtime-aot", BuildRole.CANDIDATE, 1000, "bytes-c", "49.0.2")
                    .subject("wasmtime-aot", BuildRole.REFERENCE, 1000, reference[0], reference[1])
                    .rounds("wasmtime-aot", SampleKind.STEADY, Values.STEADY_BEST_MS, now[0])
                    .rounds("wasmtime-aot (reference)", SampleKind.STEADY, Values.STEADY_BEST_MS, now[1]).build();

            Comparison c = Judge.compare(current, Optional.of(stored), SETTINGS);

            if (reference[0].equals("bytes-a") && reference[1].equals("49.0.2")) {
                assertThat(only(c, Basis.STORED, Metric.STEADY_INFERENCE).verdict()).isEqualTo(Verdict.REGRESSED);
                assertThat(c.status()).noneMatch(line -> line.contains("not compared"));
            } else {
                assertThat(c.findings(Basis.STORED, BuildRole.CANDIDATE)).as("reference %s on %s", reference[0], reference[1])
                        .noneMatch(f -> f.metric() == Metric.STEADY_INFERENCE);
                assertThat(c.status()).anyMatch(line -> line.startsWith("the stored values of wasmtime-aot are of this checkout")
                        && line.contains("other program bytes or another runtime version, so their timings and memory are not compared"));
            }
        }
    }

    @Test
    void aMachineThatRunsTheUnchangedReferenceSlowerIsInconclusiveNotRegressed() {
        Build reference = new Build("commit abc of src/classifier", "tree-reference", Map.of("wasmtime", "49.0.2"));
        ResultSet stored = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4).id("stored").build(BuildRole.CANDIDATE, reference),
                "wasmtime-aot", rounds(8, 20, 24, 1.0, 0.01, 0.005)).build();
        // Same profile, but this VM runs everything 1.5x slower: candidate and reference alike.
        ResultSet current = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "wasmtime-aot", rounds(9, 20, 36, 1.0, 0.01, 0.005)).build();

        Comparison c = Judge.compare(current, Optional.of(stored), SETTINGS);
        Finding storedVerdict = only(c, Basis.STORED, Metric.STEADY_INFERENCE);

        assertThat(storedVerdict.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(storedVerdict.note()).contains("the unchanged reference build measured +", "the machine, not the code");
        assertThat(only(c, Basis.PAIRED, Metric.STEADY_INFERENCE).verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aCandidateJustPastTheToleranceWhileTheReferenceMayHaveMovedAsFarIsInconclusive() {
        Build reference = new Build("commit abc of src/classifier", "tree-reference", Map.of("wasmtime", "49.0.2"));
        ResultSet stored = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4).id("stored").build(BuildRole.CANDIDATE, reference),
                "wasmtime-aot", rounds(8, 20, 24, 1.0, 0.01, 0.005)).build();
        // This VM runs the reference 2.6% slower (within the 3% tolerance, its interval reaching past it) and the candidate
        // 1.6% slower than that: 4.2% against the stored values, its interval clear of 3%.
        ResultSet current = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "wasmtime-aot", rounds(9, 20, 24 * 1.026, 1.016, 0.01, 0.005)).build();

        Comparison c = Judge.compare(current, Optional.of(stored), SETTINGS);
        Finding storedVerdict = only(c, Basis.STORED, Metric.STEADY_INFERENCE);

        assertThat(storedVerdict.effect().ci().lower()).as("the candidate's interval against the stored values").isGreaterThan(1.03);
        assertThat(storedVerdict.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(storedVerdict.note()).contains("the unchanged reference build measured +", "the machine may have moved by the tolerance");
    }

    @Test
    void anotherCpuGenerationComparesOnlyInstructionCountsWithTheStoredValues() {
        Build reference = new Build("commit abc of src/classifier", "tree-reference", Map.of("wasmtime", "49.0.2"));
        ResultSet stored = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4).id("stored").build(BuildRole.CANDIDATE, reference),
                "native", rounds(10, 20, 10, 1.0, 0.01)).counts("native", 283_566_453, 480_000_000).build();
        ResultSet current = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN2), "native", rounds(11, 20, 20, 1.0, 0.01))
                .counts("native", 283_566_504, 480_000_100).counts("native (reference)", 283_566_504, 480_000_100).build();

        Comparison c = Judge.compare(current, Optional.of(stored), SETTINGS);

        assertThat(c.findings().stream().filter(f -> f.basis() == Basis.STORED)).extracting(Finding::metric)
                .containsExactly(Metric.INSTRUCTIONS);
        assertThat(c.status()).anyMatch(s -> s.contains("of another machine profile") && s.contains("only their instruction counts"));
    }

    @Test
    void storedValuesOfAnotherBuildThanTheReferenceAreNotComparedForTimings() {
        double[][] then = rounds(12, 20, 10, 1.0, 0.01);
        ResultSet stored = ResultSetBuilder.on(ResultSetBuilder.ZEN4).id("stored")
                .build(BuildRole.CANDIDATE, new Build("commit old", "tree-old", Map.of("wasmtime", "49.0.2")))
                .subject("native", BuildRole.CANDIDATE, 1000, "old-bytes", "none (native binary)")
                .rounds("native", SampleKind.STEADY, Values.STEADY_BEST_MS, then[0]).build();
        ResultSet current = pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "native", rounds(13, 20, 10, 1.0, 0.01)).build();

        Comparison c = Judge.compare(current, Optional.of(stored), SETTINGS);

        assertThat(c.findings()).noneMatch(f -> f.basis() == Basis.STORED);
        assertThat(c.status()).anyMatch(s -> s.contains("the stored values of native are of commit old, not of the reference this run "
                + "measured") && s.contains("update command"));
    }

    @Test
    void countsTakenWithAnotherValgrindAreNotCompared() {
        ResultSet stored = ResultSetBuilder.on(ResultSetBuilder.ZEN4).id("stored").environment("valgrind", "valgrind-3.22.0")
                .subject("native", BuildRole.CANDIDATE, 1).counts("native", 283_566_453, 480_000_000).build();
        ResultSet current = ResultSetBuilder.on(ResultSetBuilder.ZEN2).subject("native", BuildRole.CANDIDATE, 1)
                .counts("native", 300_000_000, 500_000_000).build();

        Comparison c = Judge.compare(current, Optional.of(stored), SETTINGS);

        assertThat(c.findings()).isEmpty();
        assertThat(c.status()).anyMatch(s -> s.contains("valgrind-3.22.0 when stored and with valgrind-3.19.0 now"));
    }

    @Test
    void aRuntimeThatOptsOutOfAMetricIsReportedWithTheReasonNotJudged() {
        JudgeSettings optedOut = new JudgeSettings(0.95, new Tolerances(Map.of(Metric.STEADY_INFERENCE, 0.03), Map.of(),
                Map.of("node", java.util.Set.of(Metric.STEADY_INFERENCE))), 6);
        ResultSet run = pair(pair(ResultSetBuilder.on(ResultSetBuilder.ZEN4), "node-liftoff-jit", rounds(5, 20, 24, 1.4, 0.01)),
                "wasmtime-jit", rounds(6, 20, 24, 1.4, 0.01)).build();

        Comparison c = Judge.compare(run, Optional.empty(), optedOut);

        assertThat(c.findings()).noneMatch(f -> f.variant().equals("node-liftoff-jit"));
        assertThat(only(c, Basis.PAIRED, Metric.STEADY_INFERENCE).verdict()).as("wasmtime-jit, not opted out").isEqualTo(Verdict.REGRESSED);
        assertThat(c.status()).contains("node-liftoff-jit: steady-state inference (fastest of the repeats) reported, not judged "
                + "(perf.tolerance.steady-inference.node=none; suite.properties says why)");
    }
}
