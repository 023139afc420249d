package dev.wasmperf.suite;

import dev.wasmperf.baseline.BaselineComparison;
import dev.wasmperf.baseline.Judgement;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.PerfCampaign;
import dev.wasmperf.measure.Subject;
import dev.wasmperf.stats.Verdict;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The suite proves it catches what it exists to catch. A canary build of the classifier (Cargo feature `canary`:
 * it repeats half of the network's operators and holds 64 MiB more) is measured side by side with the real build,
 * both against the real build's stored baseline: the canary must come out REGRESSED on cold start and max RSS,
 * the real build must not.
 */
@DisplayName("Self-test: a canary with a known extra cost is flagged, the real build is not")
@Order(Order.DEFAULT + 30)
class CanarySelfTestIT {

    private static final String CANARY = " (canary)";

    @TestFactory
    Stream<DynamicTest> canary() {
        Suite suite = Suite.current();
        if (suite.inContainers()) {
            return Stream.of(dynamicTest("the self-test runs with the local backend", () -> Assumptions.abort(
                    "Skipped in containers: the canary is judged against the local baseline.")));
        }
        Performance performance = Performance.current();
        Performance.Outcome outcome = performance.outcome();
        if (!outcome.comparable()) {
            return Stream.of(dynamicTest("a comparable baseline exists", () -> {
                String message = "The self-test compares with the stored baseline, and there is none to use: "
                        + outcome.report().baselineStatus();
                if (performance.strict()) {
                    Assertions.fail(message);
                }
                Assumptions.abort(message);
            }));
        }
        Path canaryBuild = suite.config().targetDir().resolve("canary");
        List<Subject> subjects = new ArrayList<>();
        List<DynamicTest> problems = new ArrayList<>();
        for (String id : suite.config().list("perf.canary.variants")) {
            Variant variant = Variant.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    "perf.canary.variants names '" + id + "'; valid: " + Variant.validIds()));
            Optional<PreparedVariant> real = performance.readyVariants().stream().filter(p -> p.variant() == variant).findFirst();
            if (real.isEmpty()) {
                problems.add(dynamicTest(variant + " canary can run", () -> Availability.prepared(variant)));
                continue;
            }
            Readiness canary = suite.prepareBuild(variant, canaryBuild);
            if (!(canary instanceof Readiness.Ready ready)) {
                problems.add(dynamicTest(variant + " canary can run", () -> Assertions.fail("The canary build of " + variant
                        + " is not usable (" + canary + "). It is built at pre-integration-test by "
                        + "'bash src/classifier/build.sh canary' into " + canaryBuild + "; run that and look at its output.")));
                continue;
            }
            subjects.add(Subject.of(real.get()));
            subjects.add(new Subject(variant.id() + CANARY, ready.prepared()));
        }
        if (subjects.isEmpty()) {
            return problems.stream();
        }
        PerfCampaign campaign = new PerfCampaign(suite.executor(), suite.runTimeout(), performance.settings().coldStartOnly(),
                line -> System.out.println("[wasm-perf-suite] self-test: " + line));
        Optional<String> reference = subjects.stream().map(Subject::name).filter(Variant.NATIVE.id()::equals).findFirst();
        CampaignResult result = campaign.measure(subjects, performance.request(), reference);
        // Judged as the suite judges: the canary's regression must also survive the confirmation campaign.
        BaselineComparison.Outcome compared = performance.judge(campaign, subjects, result, outcome.baseline().orElseThrow(),
                name -> name.replace(CANARY, ""));

        List<DynamicTest> tests = new ArrayList<>(problems);
        for (Judgement judgement : compared.judgements()) {
            if (judgement.metric() != Metric.COLD_START && judgement.metric() != Metric.PEAK_RSS) {
                continue;
            }
            boolean isCanary = judgement.subject().endsWith(CANARY);
            System.out.println("[wasm-perf-suite] self-test: " + judgement.verdict() + " " + judgement.explain());
            String name = judgement.subject() + ": " + judgement.metric().title()
                    + (isCanary ? " is flagged as regressed" : " is not flagged");
            tests.add(dynamicTest(name, () -> {
                Evidence.attach("Self-test", judgement, null);
                // On a busy machine the canary's verdict is INCONCLUSIVE like any timing's; it must still have been
                // flagged by every campaign, which is what this test is about.
                if (isCanary && !judgement.flaggedInEveryCampaign()) {
                    Assertions.fail("The canary's known extra cost went unnoticed: " + judgement.explain() + "\nThe suite "
                            + "would miss a real regression of this size. Check the verdict rule, the tolerance of "
                            + judgement.metric().key() + " and the canary's cost (Cargo feature 'canary').");
                }
                if (!isCanary && judgement.verdict() == Verdict.REGRESSED && judgement.asserted(performance.assertAbsoluteTimings())) {
                    Assertions.fail("The real build was flagged while measured beside the canary: " + judgement.explain()
                            + "\nEither the machine was much noisier than when the baseline was recorded, or the build regressed.");
                }
            }));
        }
        return tests.stream();
    }
}
