package dev.wasmperf.suite;

import dev.wasmperf.baseline.BaselineStore;
import dev.wasmperf.baseline.Judgement;
import dev.wasmperf.judge.PairedJudgement;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.Series;
import dev.wasmperf.stats.Verdict;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every seed metric of every variant against the stored baseline of this machine's profile: one test per
 * variant x metric, failing only on a significant regression beyond the tolerance. With
 * -Dperf.updateBaselines=true it records the baseline instead (after checking correctness and parity).
 */
@DisplayName("Performance: every variant x metric against the stored baseline")
@Order(Order.DEFAULT + 20)
class PerformanceIT {

    private static final String UPDATE_HINT = "If the change is intended, record it: " + BaselineStore.UPDATE_COMMAND
            + " (this build becomes the reference in baselines/reference.properties and this machine kind's stored values are"
            + " recorded; review 'git diff baselines/' and commit it with the change).";

    @TestFactory
    Stream<DynamicTest> verdicts() {
        Suite suite = Suite.current();
        Performance performance = Performance.current();
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant variant : suite.selection().selected()) {
            if (!(suite.readiness(variant) instanceof Readiness.Ready)) {
                tests.add(dynamicTest(variant + " can be measured", () -> Availability.prepared(variant)));
            }
        }
        if (performance.updating()) {
            tests.add(dynamicTest("baseline update: correctness and parity hold, then this run becomes the baseline", () -> {
                List<String> problems = performance.correctnessProblems();
                assertThat(problems).withFailMessage("Refusing to update the baseline: a baseline must come from a build that "
                        + "classifies every fixture correctly on every selected variant and agrees with native. Problems:%n  %s%n"
                        + "Fix them (the correctness and parity tests show details) and run the update again.",
                        String.join("\n  ", problems)).isEmpty();
                System.out.println(performance.updateBaseline(performance.outcome()));
            }));
            return tests.stream();
        }

        Performance.Outcome outcome = performance.outcome();
        if (suite.inContainers()) {
            return Stream.concat(tests.stream(), containerTests(outcome));
        }
        tests.add(dynamicTest("the report has the seed's tables", () -> {
            Allure.epic("Performance");
            Allure.feature("Report");
            String markdown = Files.readString(outcome.reportFiles().get(0));
            Allure.addAttachment("perf-report.md", "text/markdown", markdown, ".md");
            assertThat(markdown).contains("## Cold start", "## Warm loop", "## Memory usage", "## Artefact size", "## Throughput",
                    "## JIT vs AOT", "**Noise:**");
            assertThat(outcome.reportFiles()).allSatisfy(f -> assertThat(f).isNotEmptyFile());
        }));
        tests.addAll(pairedTests(performance));
        if (!outcome.comparable()) {
            tests.add(dynamicTest("stored absolute values exist for this machine kind", () -> notComparable(performance,
                    outcome.report().baselineStatus() + ". The paired verdicts against the reference judge this run without them")));
            return tests.stream();
        }
        for (Judgement judgement : outcome.report().judgements()) {
            tests.add(dynamicTest(judgement.subject() + ": " + judgement.metric().title() + " has not regressed", () -> {
                Evidence.attach("Performance", judgement, outcome);
                String explanation = judgement.explain();
                if (judgement.unconfirmed()) {
                    // Not a failure, but never silent: both campaigns' figures go to the console and the report.
                    String warning = "regression not confirmed by the second campaign (interference, not a regression): "
                            + explanation;
                    System.out.println("[wasm-perf-suite] WARNING " + warning);
                    Allure.addAttachment("warning: regression not confirmed", "text/plain", warning, ".txt");
                }
                if (judgement.verdict() == Verdict.INCONCLUSIVE) {
                    // Neither a pass nor a failure: skipped with the reason, in the console, the report and Allure.
                    System.out.println("[wasm-perf-suite] WARNING " + explanation);
                    Assumptions.abort("Not judged: " + explanation);
                }
                if (judgement.verdict() == Verdict.IMPROVED) {
                    System.out.println("[wasm-perf-suite] IMPROVED " + explanation + "\n  The baseline is due for an update: "
                            + BaselineStore.UPDATE_COMMAND);
                }
                if (judgement.verdict() == Verdict.REGRESSED) {
                    if (!judgement.asserted(performance.assertAbsoluteTimings())) {
                        String warning = "REGRESSED (reported, not asserted: an absolute timing on a shared machine; "
                                + "-Dperf.assertAbsoluteTimings=true asserts it) " + explanation;
                        System.out.println("[wasm-perf-suite] WARNING " + warning);
                        Allure.addAttachment("warning: absolute timing regressed", "text/plain", warning, ".txt");
                        return;
                    }
                    Assertions.fail("REGRESSED " + explanation + "\n" + UPDATE_HINT);
                }
            }));
        }
        for (Series series : outcome.withoutBaseline()) {
            tests.add(dynamicTest(series.subject() + ": " + series.metric().title() + " has a baseline",
                    () -> notComparable(performance, "the baseline has no entry for " + series.subject() + " / "
                            + series.metric().key() + " (a new variant or metric)")));
        }
        return tests.stream();
    }

    /**
     * The verdicts that do not depend on the machine: every variant's candidate against the reference build, measured in
     * the same rounds. A reference that cannot run fails: without it nothing judges this run on an unknown machine kind.
     */
    private static List<DynamicTest> pairedTests(Performance performance) {
        List<DynamicTest> tests = new ArrayList<>();
        PairedVerdicts.Outcome paired = performance.paired();
        paired.problems().forEach((variant, why) -> tests.add(dynamicTest(variant + ": the reference build runs",
                () -> Assertions.fail(why))));
        for (PairedJudgement judgement : paired.judgements()) {
            tests.add(dynamicTest(judgement.subject() + ": " + judgement.metric().title() + " against the reference (paired)", () -> {
                Evidence.attach("Performance", judgement, paired.result());
                if (judgement.possibleRegression()) {
                    System.out.println("[wasm-perf-suite] WARNING possible regression " + judgement.explain());
                    Allure.addAttachment("warning: possible regression", "text/plain", judgement.explain(), ".txt");
                }
                if (judgement.verdict() == Verdict.IMPROVED) {
                    System.out.println("[wasm-perf-suite] IMPROVED " + judgement.explain() + "\n  Record it as the new reference: "
                            + BaselineStore.UPDATE_COMMAND);
                }
                if (judgement.verdict() == Verdict.REGRESSED) {
                    Assertions.fail("REGRESSED " + judgement.explain() + "\n" + UPDATE_HINT);
                }
            }));
        }
        return tests;
    }

    /** In containers: cold start and peak memory of every variant, reported beside the local run (no baseline verdicts). */
    private static Stream<DynamicTest> containerTests(Performance.Outcome outcome) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("the container report shows local and container figures side by side", () -> {
            Allure.epic("Performance");
            Allure.feature("Report");
            Allure.parameter("backend", "containers");
            String markdown = Files.readString(outcome.reportFiles().get(0));
            Allure.addAttachment("perf-report-containers.md", "text/markdown", markdown, ".md");
            assertThat(markdown).contains("## Cold start", "## Memory usage", "## Local vs container", "Container start-up");
        }));
        for (String subject : outcome.report().campaign().subjects()) {
            tests.add(dynamicTest(subject + ": cold start and peak memory measured in a container", () -> {
                Allure.epic("Performance");
                Allure.feature("containers");
                Allure.story(subject);
                Allure.parameter("variant", subject);
                Allure.parameter("backend", "containers");
                var cold = outcome.report().summary(subject, Metric.COLD_START).orElseThrow();
                var rss = outcome.report().summary(subject, Metric.PEAK_RSS).orElseThrow();
                assertThat(cold.n()).as("cold-start samples of %s", subject).isEqualTo(Performance.current().settings().coldStartRounds());
                assertThat(cold.median()).as("%s cold start in a container (ms)", subject).isGreaterThan(0);
                // A cgroup peak below 1 MiB would mean the probe read the wrong cgroup.
                assertThat(rss.median()).as("%s container memory peak (KiB)", subject).isGreaterThan(1024);
            }));
        }
        return tests.stream();
    }

    private static void notComparable(Performance performance, String why) {
        String message = "No verdict: " + why + ". " + UPDATE_HINT;
        if (performance.strict()) {
            Assertions.fail(message + " (perf.strict=true makes this a failure.)");
        }
        Assumptions.abort(message + " (Set -Dperf.strict=true to make this a failure.)");
    }
}
