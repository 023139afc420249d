package dev.wasmperf.suite;

import dev.wasmperf.baseline.StoredResults;
import dev.wasmperf.judge.Basis;
import dev.wasmperf.judge.Finding;
import dev.wasmperf.judge.Judge;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.report.VerdictTable;
import dev.wasmperf.results.ResultSets;
import dev.wasmperf.stats.Verdict;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The performance verdicts of this checkout: every variant against the reference build measured in the same rounds
 * (paired: judges any machine), and against the values stored for this exact machine profile where there are some.
 * One test per variant x metric x basis; a REGRESSED verdict fails it with what, by how much, against what and how to
 * record an intended change. With -Dperf.updateBaselines=true it records the reference and the stored values instead.
 */
@ExtendWith(SuiteExtension.class)
@DisplayName("Performance: every variant x metric against its reference and the stored values")
class PerformanceIT {

    private static final String UPDATE_HINT = "If the change is intended, record it: " + StoredResults.UPDATE_COMMAND
            + " (this build becomes the reference in baselines/reference.properties and this machine kind's values are stored;"
            + " review 'git diff baselines/' and commit it with the change).";

    @TestFactory
    Stream<DynamicTest> verdicts(Suite suite, PerformanceRun performance) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant variant : suite.selection().selected()) {
            if (!(suite.readiness(variant) instanceof Readiness.Ready)) {
                tests.add(dynamicTest(variant + " can be measured", () -> Availability.prepared(suite, variant)));
            }
        }
        if (suite.config().flag("perf.updateBaselines")) {
            BaselineUpdate update = new BaselineUpdate(suite, performance);
            tests.add(dynamicTest("baseline update: correctness and parity hold, then this run becomes the reference and the stored values", () -> {
                List<String> problems = update.correctnessProblems();
                assertThat(problems).withFailMessage("Refusing to update the baseline: stored values must come from a build that "
                                + "classifies every fixture correctly on every selected variant and agrees with native, and cover every "
                                + "variant stored before. Problems:%n  %s%n"
                                + "Fix them (the correctness and parity tests show details) and run the update again.",
                        String.join("\n  ", problems)).isEmpty();
                System.out.println(update.record());
            }));
            return tests.stream();
        }
        PerformanceRun.Outcome outcome = performance.outcome();
        outcome.problems().forEach((subject, why) -> {
            if (!subject.contains(BuildRole.CANARY.suffix())) {
                tests.add(dynamicTest(subject + " can be measured", () -> Assertions.fail(why)));
            }
        });
        tests.add(dynamicTest("the saved result set, judged again, gives the same verdict table", () -> {
            Allure.epic("Performance");
            Allure.feature("Result set");
            String table = VerdictTable.markdown(outcome.comparison());
            Allure.addAttachment("verdicts", "text/markdown", table, ".md");
            String again = VerdictTable.markdown(Judge.compare(ResultSets.read(outcome.resultFile()), outcome.comparison().stored(),
                    performance.judging()));
            assertThat(again).as("the verdict table of %s read back from disk", outcome.resultFile()).isEqualTo(table);
            assertThat(suite.config().targetDir().resolve("perf-verdicts.md")).hasContent(table);
        }));
        for (Finding finding : outcome.comparison().findings()) {
            if (finding.role() != BuildRole.CANDIDATE) {
                continue;
            }
            String basis = finding.basis() == Basis.PAIRED ? "against the reference" : "against the stored values";
            tests.add(dynamicTest(finding.subject() + ": " + finding.metric().title() + " " + basis, () -> {
                Evidence.attach("Performance", finding, outcome.result(), outcome.comparison().stored());
                assertVerdict(finding);
            }));
        }
        if (outcome.comparison().stored().isEmpty() && suite.executor().runsAsChildren()) {
            tests.add(dynamicTest("values are stored for this machine profile", () -> {
                String message = "No values are stored for " + outcome.result().profile() + " (" + outcome.storedFile() + "): this run "
                        + "is judged against the reference build only. Record them on this machine kind with " + StoredResults.UPDATE_COMMAND;
                if (suite.config().flag("perf.strict")) {
                    Assertions.fail(message + " (perf.strict=true makes this a failure.)");
                }
                Assumptions.abort(message);
            }));
        }
        return tests.stream();
    }

    static void assertVerdict(Finding finding) {
        if (finding.possibleRegression()) {
            // Undecided, not passed: skipped with its own Allure category, so that it shows on the Overview (a green test
            // would leave no trace there); it does not fail the build, because the interval does not clear the tolerance.
            System.out.println("[wasm-perf-suite] WARNING possible regression " + finding.explain());
            Allure.addAttachment("warning: possible regression", "text/plain", finding.explain(), ".txt");
            Assumptions.abort("POSSIBLE REGRESSION, undecided at this sample size: " + finding.explain()
                    + "\nMore rounds decide it: -Dperf.rounds=<n>.");
        }
        switch (finding.verdict()) {
            case REGRESSED -> Assertions.fail("REGRESSED " + finding.explain() + "\n" + UPDATE_HINT);
            case INCONCLUSIVE -> {
                System.out.println("[wasm-perf-suite] WARNING not judged: " + finding.explain());
                Assumptions.abort("Not judged: " + finding.explain());
            }
            case IMPROVED -> System.out.println("[wasm-perf-suite] IMPROVED " + finding.explain() + "\n  Record it as the new reference: "
                    + StoredResults.UPDATE_COMMAND);
            case UNCHANGED -> {
            }
        }
        assertThat(finding.verdict()).isIn(Verdict.UNCHANGED, Verdict.IMPROVED);
    }
}
