package dev.wasmperf.suite;

import dev.wasmperf.baseline.ReferenceBuild;
import dev.wasmperf.judge.PairedComparison;
import dev.wasmperf.judge.PairedJudgement;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.measure.BuildRole;
import dev.wasmperf.measure.PairedCampaign;
import dev.wasmperf.measure.PairedResult;
import dev.wasmperf.measure.PairedSettings;
import dev.wasmperf.measure.Subject;
import dev.wasmperf.report.PairedReport;
import dev.wasmperf.results.ResultFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts that do not depend on the machine: every ready variant of this checkout (the candidate) measured in
 * the same rounds as the reference build, and judged on the per-round ratios. Needs no stored values, so it judges a
 * run on any machine kind.
 */
final class PairedVerdicts {

    /** What the paired run found; {@code problems} are variants whose reference could not be prepared (each a failure). */
    record Outcome(ReferenceBuild reference, PairedResult result, List<PairedJudgement> judgements, Map<Variant, String> problems,
                   String markdown, Path resultFile) {
    }

    private final Suite suite;
    private final PairedSettings settings;

    PairedVerdicts(Suite suite) {
        this.suite = suite;
        this.settings = PairedSettings.from(suite.config());
    }

    PairedSettings settings() {
        return settings;
    }

    ReferenceBuild reference() {
        return ReferenceBuild.load(suite.config().projectDir(), suite.config().targetDir());
    }

    /** The reference build of a variant, on the reference's runtime versions. */
    Readiness referenceOf(ReferenceBuild reference, Variant variant) {
        return suite.prepareBuild(variant, suite.config().targetDir().resolve("reference"),
                suite.setup().runtimes().atVersions(reference.runtimes()));
    }

    /** "this checkout (src/classifier tree 1a2b3c4d5e6f, wasmtime 49.0.2, wasmer 7.4.2)". */
    String candidateDescription(List<PreparedVariant> candidates) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (PreparedVariant p : candidates) {
            if (p.variant().runtime().isWebAssembly()) {
                versions.put(p.variant().runtime().id(), p.runtimeVersion());
            }
        }
        StringBuilder s = new StringBuilder("this checkout");
        versions.forEach((runtime, version) -> s.append(", ").append(runtime).append(' ').append(version));
        return s.toString();
    }

    Outcome measure(List<PreparedVariant> candidates) {
        ReferenceBuild reference = reference();
        List<PairedCampaign.Pair> pairs = new ArrayList<>();
        Map<Variant, String> problems = new EnumMap<>(Variant.class);
        for (PreparedVariant candidate : candidates) {
            Readiness ref = referenceOf(reference, candidate.variant());
            if (ref instanceof Readiness.Ready ready) {
                pairs.add(new PairedCampaign.Pair(Subject.of(candidate), new Subject(ready.prepared(), BuildRole.REFERENCE)));
            } else {
                problems.put(candidate.variant(), "the reference build of " + candidate.variant() + " (" + reference.describe()
                        + ") cannot run: " + ref + ". mvn verify builds it at pre-integration-test with "
                        + "'bash src/classifier/build-reference.sh'; a runtime version other than the pin is installed by 'bash ci/setup.sh'.");
            }
        }
        Map<BuildRole, String> builds = new EnumMap<>(BuildRole.class);
        builds.put(BuildRole.CANDIDATE, candidateDescription(candidates));
        builds.put(BuildRole.REFERENCE, reference.describe());
        if (pairs.isEmpty()) {
            return new Outcome(reference, null, List.of(), problems, "", null);
        }
        PairedCampaign campaign = new PairedCampaign(suite.executor(), suite.runTimeout(), settings,
                line -> System.out.println("[wasm-perf-suite] perf: " + line));
        System.out.println("[wasm-perf-suite] perf: paired, " + settings.rounds() + " rounds x " + pairs.size()
                + " variants, candidate and reference (" + reference.describe() + ")");
        PairedResult result = campaign.measure(pairs, suite.request(Performance.inputOf(suite)), builds);
        Path file = ResultFiles.write(suite.config().targetDir().resolve("results/paired.json"), result);
        List<PairedJudgement> judgements = PairedComparison.judge(result, settings);
        String markdown = PairedReport.markdown("Paired verdicts: candidate against reference, same rounds", result, judgements);
        try {
            Files.writeString(suite.config().targetDir().resolve("perf-paired.md"), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write target/perf-paired.md", e);
        }
        System.out.println("[wasm-perf-suite] " + markdown);
        return new Outcome(reference, result, judgements, problems, markdown, file);
    }
}
