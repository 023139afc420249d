package dev.wasmperf.suite;

import dev.wasmperf.baseline.ReferenceBuild;
import dev.wasmperf.judge.PairedComparison;
import dev.wasmperf.judge.PairedJudgement;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.measure.BuildRole;
import dev.wasmperf.measure.PairedCampaign;
import dev.wasmperf.measure.PairedMetric;
import dev.wasmperf.measure.PairedResult;
import dev.wasmperf.measure.Subject;
import dev.wasmperf.report.PairedReport;
import dev.wasmperf.stats.Verdict;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The suite proves it catches what it exists to catch, on the production path. A canary build of the classifier
 * (Cargo feature `canary`, costs set at build time: perf.canary.work.percent more multiply-accumulates,
 * perf.canary.memory.kib more memory) is judged against the reference exactly as a real change would be, in the
 * same rounds as the reference itself run a second time (the A/A control): the canary must come out REGRESSED on
 * inference and max RSS, the control must come out unchanged on every metric.
 */
@DisplayName("Self-test: a canary with a known extra cost is flagged against the reference, the reference against itself is not")
@Order(Order.DEFAULT + 30)
class CanarySelfTestIT {

    /** What the canary's known costs must show up in; its cold start grows by less (start-up is unchanged) and is reported. */
    private static final Set<PairedMetric> MUST_FLAG = Set.of(PairedMetric.INFERENCE, PairedMetric.PEAK_RSS);

    @TestFactory
    Stream<DynamicTest> canary() {
        Suite suite = Suite.current();
        if (suite.inContainers()) {
            return Stream.of(dynamicTest("the self-test runs with the local backend", () -> Assumptions.abort(
                    "Skipped in containers: the paired verdicts and their self-test run with the local backend.")));
        }
        Performance performance = Performance.current();
        PairedVerdicts paired = performance.pairedVerdicts();
        ReferenceBuild reference = paired.reference();
        Path canaryBuild = suite.config().targetDir().resolve("canary");
        List<PairedCampaign.Pair> pairs = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (String id : suite.config().list("perf.canary.variants")) {
            Variant variant = Variant.byId(id).orElseThrow(() -> new IllegalArgumentException(
                    "perf.canary.variants names '" + id + "'; valid: " + Variant.validIds()));
            Readiness canary = suite.prepareBuild(variant, canaryBuild);
            Readiness ref = paired.referenceOf(reference, variant);
            if (!(canary instanceof Readiness.Ready c)) {
                tests.add(dynamicTest(variant + " canary can run", () -> Assertions.fail("The canary build of " + variant
                        + " is not usable (" + canary + "). It is built at pre-integration-test by "
                        + "'bash src/classifier/build.sh canary' into " + canaryBuild + "; run that and look at its output.")));
                continue;
            }
            if (!(ref instanceof Readiness.Ready r)) {
                tests.add(dynamicTest(variant + " reference can run", () -> Assertions.fail("The reference build of " + variant
                        + " is not usable (" + ref + "); it is built by 'bash src/classifier/build-reference.sh'.")));
                continue;
            }
            Subject referenceSubject = new Subject(r.prepared(), BuildRole.REFERENCE);
            pairs.add(new PairedCampaign.Pair(new Subject(c.prepared(), BuildRole.CANARY), referenceSubject));
            pairs.add(new PairedCampaign.Pair(new Subject(r.prepared(), BuildRole.CONTROL), referenceSubject));
        }
        if (pairs.isEmpty()) {
            return tests.stream();
        }
        Map<BuildRole, String> builds = new EnumMap<>(BuildRole.class);
        builds.put(BuildRole.REFERENCE, reference.describe());
        builds.put(BuildRole.CANARY, "this checkout with feature canary: +" + suite.config().string("perf.canary.work.percent")
                + "% multiply-accumulates (nearest operator set), +" + suite.config().string("perf.canary.memory.kib") + " KiB held");
        builds.put(BuildRole.CONTROL, "the reference, run a second time as a candidate");
        PairedCampaign campaign = new PairedCampaign(suite.executor(), suite.runTimeout(), paired.settings(),
                line -> System.out.println("[wasm-perf-suite] self-test: " + line));
        PairedResult result = campaign.measure(pairs, performance.request(), builds);
        List<PairedJudgement> judgements = PairedComparison.judge(result, paired.settings());
        String markdown = PairedReport.markdown("Self-test: canary and A/A control against the reference", result, judgements);
        System.out.println("[wasm-perf-suite] " + markdown);
        Path report = writeReport(suite, markdown);
        tests.add(dynamicTest("the self-test's verdict table is written", () -> {
            Allure.addAttachment("self-test verdicts", "text/markdown", markdown, ".md");
            org.assertj.core.api.Assertions.assertThat(report).content().contains("| verdict |", "(canary)", "(reference A/A)");
        }));

        for (PairedJudgement judgement : judgements) {
            boolean canary = judgement.candidateRole() == BuildRole.CANARY;
            boolean mustFlag = canary && MUST_FLAG.contains(judgement.metric());
            String name = judgement.subject() + ": " + judgement.metric().title()
                    + (mustFlag ? " is flagged as regressed" : canary ? " is reported" : " is unchanged");
            tests.add(dynamicTest(name, () -> {
                Evidence.attach("Self-test", judgement, result);
                if (mustFlag && judgement.verdict() != Verdict.REGRESSED) {
                    Assertions.fail("The canary's known extra cost went unnoticed: " + judgement.explain() + "\nThe suite would miss "
                            + "a real regression of this size. Check perf.paired.tolerance." + judgement.metric().key()
                            + ", perf.paired.rounds and the canary's cost (perf.canary.*).");
                }
                if (!canary && judgement.verdict() != Verdict.UNCHANGED) {
                    Assertions.fail("The reference judged against itself came out " + judgement.verdict() + ": " + judgement.explain()
                            + "\nThe same build must never be flagged; the paired measurement or its tolerance is broken.");
                }
                if (canary && !mustFlag) {
                    System.out.println("[wasm-perf-suite] self-test (reported): " + judgement.explain());
                }
            }));
        }
        return tests.stream();
    }

    private static Path writeReport(Suite suite, String markdown) {
        try {
            return Files.writeString(suite.config().targetDir().resolve("perf-selftest.md"), markdown);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write target/perf-selftest.md", e);
        }
    }
}
