package dev.wasmperf.suite;

import dev.wasmperf.judge.Basis;
import dev.wasmperf.judge.Finding;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.stats.Verdict;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The suite proves it catches what it exists to catch, on the production path. A canary build of the classifier
 * (Cargo feature `canary`, costs set at build time: perf.canary.work.percent more multiply-accumulates,
 * perf.canary.memory.kib more memory, in native and wasm alike) ran in the same rounds as everything else and is judged
 * against the reference exactly as a real change is; the reference itself ran a second time as its own subject (the
 * A/A control). The canary must come out REGRESSED on the metrics its costs show in; the control must come out
 * unchanged on every metric.
 */
@ExtendWith(SuiteExtension.class)
@DisplayName("Self-test: a canary with a known extra cost is flagged against the reference, the reference against itself is not")
class CanarySelfTestIT {

    /**
     * Where the canary's costs must show: its extra work in the steady-state CPU per inference (the builds sharing one CPU)
     * and in the counted instructions (per inference and per run), its extra memory in the peak RSS. Its cold start grows by less than the noise of a
     * 30-80 ms process here and is reported, not required.
     */
    static final Set<Metric> MUST_FLAG = Set.of(Metric.STEADY_CPU, Metric.PEAK_RSS, Metric.INSTRUCTIONS,
            Metric.INSTRUCTIONS_PER_INFERENCE);

    @TestFactory
    Stream<DynamicTest> canary(Suite suite, PerformanceRun performance) {
        if (!suite.executor().runsAsChildren()) {
            return Stream.of(dynamicTest("the self-test runs with the local backend", () -> Assumptions.abort(
                    "Skipped in containers: the canary and the instruction counts run with the local backend, in the local run.")));
        }
        if (suite.config().flag("perf.updateBaselines")) {
            return Stream.of(dynamicTest("the self-test runs on the verdicts", () -> Assumptions.abort(
                    "Skipped while recording the baseline: the self-test judges verdicts, which an update run does not assert.")));
        }
        PerformanceRun.Outcome outcome = performance.outcome();
        List<DynamicTest> tests = new ArrayList<>();
        outcome.problems().forEach((subject, why) -> {
            if (subject.contains(BuildRole.CANARY.suffix()) || subject.equals("instructions")) {
                tests.add(dynamicTest(subject + " can be measured", () -> Assertions.fail(why)));
            }
        });
        List<Finding> selfTest = outcome.comparison().findings().stream()
                .filter(f -> f.basis() == Basis.PAIRED && (f.role() == BuildRole.CANARY || f.role() == BuildRole.CONTROL)).toList();
        if (selfTest.isEmpty() && tests.isEmpty()) {
            tests.add(dynamicTest("the canary was measured", () -> Assertions.fail("No canary or control was judged: perf.canary.variants ("
                    + suite.config().string("perf.canary.variants") + ") names no selected, ready variant (variants="
                    + suite.config().string("variants") + "). The self-test is what shows the suite can see a regression; select one.")));
        }
        double percent = suite.config().decimal("perf.canary.work.percent", 0, 100);
        selfTest.stream().filter(f -> f.role() == BuildRole.CANARY && f.metric() == Metric.INSTRUCTIONS_PER_INFERENCE).forEach(f -> tests.add(
                dynamicTest(f.subject() + ": costs about " + percent + "% more instructions per inference", () -> {
                    // The self-test is only as strong as its canary is small: a canary of +14% would prove nothing about 5%.
                    // The canary is this checkout plus the canary's work, so its own cost is measured against this checkout's
                    // build: a checkout that itself costs more than the reference must not be blamed on the canary.
                    Optional<Finding> checkout = outcome.comparison().findings().stream().filter(c -> c.basis() == Basis.PAIRED
                            && c.role() == BuildRole.CANDIDATE && c.variant().equals(f.variant()) && c.metric() == f.metric()).findFirst();
                    double cost = (1 + f.effect().change()) / (1 + checkout.map(c -> c.effect().change()).orElse(0.0)) - 1;
                    Assertions.assertTrue(Math.abs(100 * cost - percent) <= 2.5, "The canary of " + f.variant() + " should add about "
                            + percent + "% to the instructions of an inference (perf.canary.work.percent), it adds "
                            + dev.wasmperf.format.Numbers.signedPercent(cost) + " to this checkout's build (" + f.explain()
                            + checkout.map(c -> "; " + c.explain()).orElse("") + "). The operators it repeats no longer stand for that "
                            + "share of the work: adjust the choice in src/classifier/src/network.rs (canary_repeats).");
                })));
        // A metric the canary must be flagged on but that was not judged at all (no tolerance, no shared run) is a blind spot.
        // Instruction counts may be switched off for a short run (perf.instructions=false): then they are skipped, saying so.
        boolean counted = suite.config().flag("perf.instructions");
        selfTest.stream().filter(f -> f.role() == BuildRole.CANARY).map(Finding::subject).distinct().forEach(subject -> MUST_FLAG.stream()
                .filter(m -> selfTest.stream().noneMatch(f -> f.subject().equals(subject) && f.metric() == m))
                .forEach(m -> tests.add(dynamicTest(subject + ": " + m.title() + " is judged", () -> {
                    boolean count = m == Metric.INSTRUCTIONS || m == Metric.INSTRUCTIONS_PER_INFERENCE;
                    Assumptions.assumeFalse(count && !counted, "instruction counts are off in this run (perf.instructions=false)");
                    Assertions.fail(subject + "'s " + m.title() + " was not judged, so the self-test cannot show the suite sees a change "
                            + "there. Give it a tolerance (perf.tolerance." + m.key() + ")"
                            + (m == Metric.STEADY_CPU ? " and a shared steady run (perf.steady.shared.millis > 0)" : "") + ".");
                }))));
        for (Finding finding : selfTest) {
            boolean canary = finding.role() == BuildRole.CANARY;
            boolean mustFlag = canary && MUST_FLAG.contains(finding.metric());
            String name = finding.subject() + ": " + finding.metric().title()
                    + (mustFlag ? " is flagged as regressed" : canary ? " is reported" : " is unchanged");
            tests.add(dynamicTest(name, () -> {
                Evidence.attach("Self-test", finding, outcome.result(), outcome.comparison().stored());
                if (mustFlag && finding.verdict() != Verdict.REGRESSED) {
                    Assertions.fail("The canary's known extra cost went unnoticed: " + finding.explain() + "\nThe suite would miss "
                            + "a real regression of this size. Check perf.tolerance." + finding.metric().key() + ", perf.rounds and the "
                            + "canary's cost (perf.canary.*).");
                }
                if (!canary && finding.verdict() != Verdict.UNCHANGED) {
                    Assertions.fail("The reference judged against itself came out " + finding.verdict() + ": " + finding.explain()
                            + "\nThe same build must never be flagged; the measurement or its tolerance is broken.");
                }
                if (canary && !mustFlag) {
                    System.out.println("[wasm-perf-suite] self-test (reported): " + finding.explain());
                }
            }));
        }
        return tests.stream();
    }
}
