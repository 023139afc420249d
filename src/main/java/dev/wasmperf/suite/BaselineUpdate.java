package dev.wasmperf.suite;

import dev.wasmperf.baseline.ReferenceBuild;
import dev.wasmperf.execution.Classification;
import dev.wasmperf.execution.Prediction;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.format.Numbers;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Runtime;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;
import dev.wasmperf.stats.Samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one command after an intentional change (mvn verify -Dperf.updateBaselines=true -Dvariants=field): this checkout
 * becomes the reference every later run measures against (baselines/reference.properties: the last commit of
 * src/classifier and the pinned runtime versions), and this run's result set becomes the values stored for this machine
 * profile. Refused when any variant answers wrongly or differs from native: a baseline of a wrong answer means nothing.
 */
public final class BaselineUpdate {

    private final Suite suite;
    private final PerformanceRun performance;

    public BaselineUpdate(Suite suite, PerformanceRun performance) {
        this.suite = suite;
        this.performance = performance;
    }

    /**
     * A wrong or non-native answer on any fixture, a selected variant that did not run, or a variant whose values are
     * stored for this machine but is not selected (the update would drop them: the default selection is the quick five,
     * the stored values usually the field's).
     */
    public List<String> correctnessProblems() {
        List<String> problems = new ArrayList<>();
        String profile = dev.wasmperf.machine.MachineIdentity.detect().profile();
        performance.store().load(profile).ifPresent(stored -> {
            List<String> dropped = stored.subjects(BuildRole.CANDIDATE).stream().map(SubjectInfo::variant).distinct()
                    .filter(id -> suite.selection().selected().stream().noneMatch(v -> v.id().equals(id))).toList();
            if (!dropped.isEmpty()) {
                problems.add("the values stored for " + profile + " also cover " + String.join(", ", dropped) + ", which this run "
                        + "does not select, so the update would drop them: select them too (e.g. -Dvariants=field, or "
                        + "-Dvariants=<the stored ones>), or delete " + performance.store().file(profile) + " first to record fewer");
            }
        });
        List<PreparedVariant> ready = new ArrayList<>();
        for (Variant variant : suite.selection().selected()) {
            if (suite.readiness(variant) instanceof Readiness.Ready r) {
                ready.add(r.prepared());
            } else {
                problems.add(variant + " is not ready: stored values must cover every selected variant");
            }
        }
        Optional<PreparedVariant> nativeVariant = ready.stream().filter(p -> p.variant() == Variant.NATIVE).findFirst();
        if (nativeVariant.isEmpty()) {
            problems.add("native is not selected or not ready, so parity cannot be checked");
        }
        for (Fixture fixture : suite.manifest().fixtures()) {
            Optional<List<Prediction>> nativeTop = nativeVariant.flatMap(n -> classification(n, fixture)).map(Classification::top);
            for (PreparedVariant prepared : ready) {
                Optional<Classification> c = classification(prepared, fixture);
                if (c.isEmpty()) {
                    problems.add(prepared.variant() + " did not classify " + fixture);
                } else if (!fixture.accepts(c.get().best().index()) || c.get().best().score() < fixture.minScore()) {
                    problems.add(prepared.variant() + " classifies " + fixture + " as " + c.get().best() + ", expected " + fixture.expected());
                } else if (nativeTop.isPresent() && !nativeTop.get().equals(c.get().top())) {
                    problems.add(prepared.variant() + " differs from native on " + fixture);
                }
            }
        }
        return problems;
    }

    private Optional<Classification> classification(PreparedVariant prepared, Fixture fixture) {
        return suite.run(prepared, suite.request(fixture)).output() instanceof Classification c ? Optional.of(c) : Optional.empty();
    }

    /** Records both and returns what changed, for the console. */
    public String record() {
        Map<Runtime, String> pinned = new EnumMap<>(Runtime.class);
        for (Runtime runtime : Runtime.values()) {
            if (runtime.isWebAssembly()) {
                pinned.put(runtime, suite.config().string(runtime.versionKey()));
            }
        }
        // Checked before measuring (a dirty src/classifier fails fast), written after: this run measures against the old one.
        ReferenceBuild reference = ReferenceBuild.ofCheckout(suite.config().projectDir(), suite.runner(), pinned);
        PerformanceRun.Outcome outcome = performance.outcome();
        reference.save(suite.config().projectDir());
        ResultSet fresh = outcome.result();
        Optional<ResultSet> old = performance.store().load(fresh.profile());
        Path file = performance.store().write(fresh);
        StringBuilder table = new StringBuilder("Reference written: " + ReferenceBuild.FILE + " (" + reference.describe()
                + "); the next run builds it and measures every variant against it.\nStored values written: " + file
                + " (run " + fresh.run().id() + ")\n");
        table.append(String.format(Locale.ROOT, "%-16s %-28s %16s %16s %9s%n", "variant", "metric", "stored before", "stored now", "change"));
        for (SubjectInfo subject : fresh.subjects(BuildRole.CANDIDATE)) {
            for (Metric metric : List.of(Metric.COLD_START, Metric.COLD_CPU, Metric.STEADY_INFERENCE, Metric.STEADY_CPU, Metric.PEAK_RSS, Metric.INSTRUCTIONS,
                    Metric.INSTRUCTIONS_PER_INFERENCE, Metric.ARTEFACT_SIZE)) {
                double now = median(fresh, subject.key(), metric);
                double before = old.map(o -> median(o, subject.key(), metric)).orElse(Double.NaN);
                if (Double.isNaN(now)) {
                    continue;
                }
                table.append(String.format(Locale.ROOT, "%-16s %-28s %16s %16s %9s%n", subject.key(), metric.key(),
                        Double.isNaN(before) ? "-" : Numbers.value(before), Numbers.value(now) + " " + metric.unit(),
                        Double.isNaN(before) ? "new" : Numbers.signedPercent(now / before - 1)));
            }
        }
        table.append("Review with 'git diff baselines/' and commit it with the change that explains it.");
        return table.toString();
    }

    private static double median(ResultSet result, String subject, Metric metric) {
        double[] values = metric.values(result, subject);
        return values.length == 0 ? Double.NaN : Samples.of(metric.unit(), values).median();
    }
}
