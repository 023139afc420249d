package dev.wasmperf.suite;

import dev.wasmperf.artefacts.Sha256;
import dev.wasmperf.artefacts.WasmFlavour;
import dev.wasmperf.baseline.Baseline;
import dev.wasmperf.baseline.BaselineComparison;
import dev.wasmperf.baseline.BaselineRecorder;
import dev.wasmperf.baseline.BaselineStore;
import dev.wasmperf.baseline.Fingerprint;
import dev.wasmperf.baseline.Judgement;
import dev.wasmperf.baseline.ReferenceBuild;
import dev.wasmperf.container.ContainerExecutor;
import dev.wasmperf.report.ContainerComparison;
import dev.wasmperf.execution.Classification;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Prediction;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.machine.MachineIdentity;
import dev.wasmperf.matrix.CompilationMode;
import dev.wasmperf.matrix.InstalledRuntime;
import dev.wasmperf.matrix.Runtime;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.PerfCampaign;
import dev.wasmperf.measure.PerfSettings;
import dev.wasmperf.measure.Series;
import dev.wasmperf.measure.Subject;
import dev.wasmperf.report.PerfReport;
import dev.wasmperf.report.ReportWriter;
import dev.wasmperf.stats.Comparison;
import dev.wasmperf.stats.Verdict;
import dev.wasmperf.stats.VerdictRule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The performance side of one suite run: measures the ready variants once, compares them with the stored baseline
 * of this machine's profile, writes the reports, and on request records a new baseline.
 */
public final class Performance {

    private static Performance current;

    private final Suite suite;
    private final PerfSettings settings;
    private final BaselineStore store;
    private final VerdictRule rule;
    private final Map<String, List<Double>> throughputRates = new LinkedHashMap<>();
    private Outcome outcome;
    private final PairedVerdicts pairedVerdicts;
    private PairedVerdicts.Outcome paired;

    /** What the performance run found; computed once per JVM. */
    public record Outcome(PerfReport report, String profile, Optional<Baseline> baseline, List<String> identityDifferences,
                          List<Series> withoutBaseline, List<Path> reportFiles) {

        public boolean comparable() {
            return baseline.isPresent() && identityDifferences.isEmpty();
        }
    }

    Performance(Suite suite) {
        this.suite = suite;
        this.settings = PerfSettings.from(suite.config());
        this.store = new BaselineStore(suite.config().path("perf.baselines.dir"));
        this.rule = new VerdictRule(settings.alpha(), VerdictRule.DEFAULT_CONFIDENCE, VerdictRule.DEFAULT_RESAMPLES);
        this.pairedVerdicts = new PairedVerdicts(suite);
    }

    public static synchronized Performance current() {
        if (current == null) {
            current = new Performance(Suite.current());
        }
        return current;
    }

    public PerfSettings settings() {
        return settings;
    }

    public VerdictRule rule() {
        return rule;
    }

    public boolean strict() {
        return suite.config().flag("perf.strict");
    }

    /** Whether absolute timing verdicts fail the build (see Judgement#asserted). */
    public boolean assertAbsoluteTimings() {
        return suite.config().flag("perf.assertAbsoluteTimings");
    }

    public boolean updating() {
        return suite.config().flag("perf.updateBaselines");
    }

    /** The fixture every timing uses (perf.input). */
    public Fixture input() {
        return inputOf(suite);
    }

    static Fixture inputOf(Suite suite) {
        String input = suite.config().string("perf.input");
        return suite.manifest().fixtures().stream().filter(f -> f.name().equals(input)).findFirst()
                .orElseThrow(() -> new IllegalStateException("perf.input=" + input + " is not a fixture in "
                        + suite.manifest().file() + "; choose one of " + suite.manifest().fixtures()));
    }

    /** The paired verdicts (candidate against reference in the same rounds); measured once per JVM. */
    public synchronized PairedVerdicts.Outcome paired() {
        if (paired == null) {
            paired = pairedVerdicts.measure(readyVariants());
        }
        return paired;
    }

    PairedVerdicts pairedVerdicts() {
        return pairedVerdicts;
    }

    public StdinPayload request() {
        return suite.request(input());
    }

    /** Selected variants that can run, in matrix order; the others are reported by the tests that need them. */
    public List<PreparedVariant> readyVariants() {
        List<PreparedVariant> ready = new ArrayList<>();
        for (Variant variant : suite.selection().selected()) {
            if (suite.readiness(variant) instanceof Readiness.Ready r) {
                ready.add(r.prepared());
            }
        }
        return ready;
    }

    /** One throughput execution of a variant, measured by ThroughputIT under JUnitPerf. */
    public synchronized void recordThroughputRun(Variant variant, Duration elapsed) {
        throughputRates.computeIfAbsent(variant.id(), v -> new ArrayList<>()).add(1e9 / elapsed.toNanos());
    }

    public synchronized Outcome outcome() {
        if (outcome == null) {
            outcome = measureAndCompare();
        }
        return outcome;
    }

    private Outcome measureAndCompare() {
        Instant started = Instant.now();
        List<Subject> subjects = readyVariants().stream().map(Subject::of).toList();
        if (subjects.isEmpty()) {
            throw new IllegalStateException("No selected variant is ready to measure (variants=" + Variant.ids(suite.selection().selected())
                    + "); the correctness tests say why.");
        }
        // In containers the suite measures cold start and peak memory; compile time and throughput stay local figures.
        boolean containers = suite.inContainers();
        PerfCampaign campaign = new PerfCampaign(suite.executor(), suite.runTimeout(), containers ? settings.coldStartOnly() : settings,
                line -> System.out.println("[wasm-perf-suite] perf (" + suite.executor().name() + "): " + line));
        Optional<String> reference = subjects.stream().map(Subject::name).filter(n -> n.equals(Variant.NATIVE.id())).findFirst();
        CampaignResult result = campaign.measure(subjects, request(), reference);

        Map<String, InstalledRuntime> compilers = new LinkedHashMap<>();
        for (Subject subject : subjects) {
            if (subject.variant().mode() == CompilationMode.AOT) {
                compilers.put(subject.name(), suite.setup().runtimes().locate(subject.variant().runtime()));
            }
        }
        List<Series> extra = new ArrayList<>();
        if (!compilers.isEmpty() && !containers) {
            Path wasm = suite.setup().artefacts().wasm(suite.setup().flavour());
            extra.addAll(campaign.measureAotCompilation(compilers, wasm, suite.config().targetDir().resolve("perf-compile")));
        }
        // Called from the synchronized outcome(): no throughput run can be recorded meanwhile.
        throughputRates.forEach((subject, rates) -> extra.add(new Series(subject, Metric.THROUGHPUT,
                rates.stream().mapToDouble(Double::doubleValue).toArray(), new double[0])));
        result = result.with(extra);

        Fingerprint fingerprint = fingerprint(subjects);
        if (containers) {
            PerfReport report = new PerfReport(result, List.of(), fingerprint, "container backend: figures are shown beside the "
                    + "local run's; no verdicts, the baselines hold local measurements", Duration.between(started, Instant.now()));
            String sideBySide = ContainerComparison.markdown(result, suite.config().targetDir().resolve("perf-report.json"),
                    ((ContainerExecutor) suite.executor()).startups());
            List<Path> files = ReportWriter.write(suite.config().targetDir(), "perf-report-containers", report, sideBySide);
            System.out.println("[wasm-perf-suite] perf report (containers): " + files.get(0));
            return new Outcome(report, "containers", Optional.empty(), List.of(), List.of(), files);
        }
        String profile = suite.config().find("perf.profile").orElse(fingerprint.machineProfile());
        Optional<Baseline> baseline = store.load(profile);
        List<String> identity = baseline.map(b -> fingerprint.identityDifferences(b.fingerprint())).orElse(List.of());
        List<Judgement> judgements = List.of();
        List<Series> withoutBaseline = result.series();
        String status;
        if (baseline.isEmpty()) {
            status = "no baseline for profile '" + profile + "' (" + store.file(profile) + "); record one with: "
                    + BaselineStore.UPDATE_COMMAND;
        } else if (!identity.isEmpty()) {
            status = "baseline " + store.file(profile) + " (recorded " + baseline.get().recordedAt() + ") is NOT COMPARABLE: "
                    + String.join("; ", identity) + ". Measure on the baseline's machine and toolchain, or record a new baseline: "
                    + BaselineStore.UPDATE_COMMAND;
        } else {
            BaselineComparison.Outcome compared = judge(campaign, subjects, result, baseline.get(), name -> name);
            judgements = compared.judgements();
            withoutBaseline = compared.withoutBaseline();
            List<String> build = fingerprint.buildDifferences(baseline.get().fingerprint());
            status = "compared with " + suite.config().projectDir().relativize(store.file(profile)) + " (recorded "
                    + baseline.get().recordedAt() + ")" + (build.isEmpty() ? "; same classifier build."
                    : "; changed since then (reported, not blocking): " + String.join("; ", build) + ".");
        }
        PerfReport report = new PerfReport(result, judgements, fingerprint, status, Duration.between(started, Instant.now()));
        List<Path> files = ReportWriter.write(suite.config().targetDir(), "perf-report", report, "");
        System.out.println("[wasm-perf-suite] perf report: " + files.get(0));
        return new Outcome(report, profile, baseline, identity, withoutBaseline, files);
    }

    /**
     * Judges a campaign against the baseline. With perf.confirmRegressions, a regression of a metric the campaign
     * measures is re-measured once by a second campaign over the same subjects (the same neighbours in every round,
     * so the ratios are alike), and stands only if that campaign flags it too: a neighbour that was busy for a minute
     * moved one campaign's ratios by 10-20% with tight intervals, while a real regression is there both times. A
     * timing flagged only while the machine was busy with other work is INCONCLUSIVE (BaselineComparison#settle).
     *
     * @param baselineKey which baseline entry a subject is compared with (a canary with its real variant's)
     */
    public BaselineComparison.Outcome judge(PerfCampaign campaign, List<Subject> subjects, CampaignResult first, Baseline baseline,
                                            Function<String, String> baselineKey) {
        BaselineComparison.Outcome compared = BaselineComparison.judge(first, baseline, settings, rule, baselineKey);
        List<Judgement> suspects = compared.judgements().stream()
                .filter(j -> j.verdict() == Verdict.REGRESSED && PerfCampaign.measures(j.metric())).toList();
        if (suspects.isEmpty()) {
            return compared;
        }
        if (!settings.confirmRegressions()) {
            List<Judgement> judgements = compared.judgements().stream().map(j -> suspects.contains(j)
                    ? BaselineComparison.settle(j, first.machineLoad(), Optional.empty(), Optional.empty(), settings.busyMachineShare())
                    : j).toList();
            return new BaselineComparison.Outcome(judgements, compared.withoutBaseline());
        }
        boolean warmLoop = suspects.stream().anyMatch(j -> j.metric() == Metric.WARM_LOOP || j.metric() == Metric.WARM_LOOP_CPU);
        System.out.println("[wasm-perf-suite] " + suspects.size() + " regression(s) to confirm with a second campaign: "
                + suspects.stream().map(j -> j.subject() + " " + j.metric().key()).toList());
        Optional<String> reference = subjects.stream().map(Subject::name).filter(Variant.NATIVE.id()::equals).findFirst();
        CampaignResult second = (warmLoop ? campaign : campaign.coldStartOnly()).measure(subjects, request(), reference);
        BaselineComparison.Outcome again = BaselineComparison.judge(second, baseline, settings, rule, baselineKey);
        List<Judgement> judgements = new ArrayList<>();
        for (Judgement judgement : compared.judgements()) {
            if (!suspects.contains(judgement)) {
                judgements.add(judgement);
                continue;
            }
            Optional<Comparison> recheck = again.judgements().stream()
                    .filter(j -> j.subject().equals(judgement.subject()) && j.metric() == judgement.metric()).findFirst().map(Judgement::primary);
            judgements.add(BaselineComparison.settle(judgement, first.machineLoad(), recheck, Optional.of(second.machineLoad()),
                    settings.busyMachineShare()));
        }
        return new BaselineComparison.Outcome(judgements, compared.withoutBaseline());
    }

    /**
     * Problems that forbid recording a baseline: a wrong or non-native answer on any fixture. Timings of a
     * classifier that answers wrongly would make a meaningless reference.
     */
    public List<String> correctnessProblems() {
        List<String> problems = new ArrayList<>();
        Optional<PreparedVariant> nativeVariant = readyVariants().stream().filter(p -> p.variant() == Variant.NATIVE).findFirst();
        if (nativeVariant.isEmpty()) {
            problems.add("native is not selected or not ready, so parity cannot be checked");
        }
        for (Variant variant : suite.selection().selected()) {
            if (!(suite.readiness(variant) instanceof Readiness.Ready)) {
                problems.add(variant + " is not ready: a baseline must cover every selected variant");
            }
        }
        for (Fixture fixture : suite.manifest().fixtures()) {
            Optional<List<Prediction>> nativeTop = nativeVariant.flatMap(n -> classification(n, fixture)).map(Classification::top);
            for (PreparedVariant prepared : readyVariants()) {
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

    /** Records the outcome as the profile's baseline and returns an old-vs-new table for the console. */
    public String updateBaseline(Outcome outcome) {
        Map<Runtime, String> pinned = new EnumMap<>(Runtime.class);
        for (Runtime runtime : Runtime.values()) {
            if (runtime.isWebAssembly()) {
                pinned.put(runtime, suite.config().string(runtime.versionKey()));
            }
        }
        ReferenceBuild reference = ReferenceBuild.recordCurrent(suite.config().projectDir(), suite.runner(), pinned);
        Baseline fresh = BaselineRecorder.record(outcome.profile(), outcome.report().fingerprint(), outcome.report().campaign(),
                settings, Instant.now());
        Path file = store.write(fresh);
        synchronized (this) {
            // Later checks in this run (the canary self-test) compare with what was just recorded.
            this.outcome = new Outcome(outcome.report(), outcome.profile(), Optional.of(fresh), List.of(), List.of(), outcome.reportFiles());
        }
        StringBuilder table = new StringBuilder("Reference written: " + ReferenceBuild.FILE + " (" + reference.describe()
                + "); the next run builds it and measures every variant against it.\nBaseline written: " + file + "\n");
        table.append(String.format(Locale.ROOT, "%-14s %-16s %14s %14s %9s%n", "variant", "metric", "old median", "new median", "change"));
        fresh.metrics().forEach((variant, metrics) -> metrics.forEach((metric, entry) -> {
            Optional<Double> old = outcome.baseline().flatMap(b -> b.find(variant, metric)).map(m -> m.median());
            table.append(String.format(Locale.ROOT, "%-14s %-16s %14s %14s %9s%n", variant, metric,
                    old.map(v -> String.format(Locale.ROOT, "%.4g", v)).orElse("-"),
                    String.format(Locale.ROOT, "%.4g %s", entry.median(), entry.unit()),
                    old.map(v -> String.format(Locale.ROOT, "%+.1f%%", (entry.median() / v - 1) * 100)).orElse("new")));
        }));
        table.append("Review with 'git diff baselines/' and commit it with the change that explains it.");
        return table.toString();
    }

    private Fingerprint fingerprint(List<Subject> subjects) {
        Map<String, String> runtimes = new TreeMap<>();
        Map<String, String> artefacts = new TreeMap<>();
        String modelSha = "unknown";
        for (Subject subject : subjects) {
            PreparedVariant p = subject.prepared();
            if (p.variant().runtime().isWebAssembly()) {
                runtimes.put(p.variant().runtime().id(), p.runtimeVersion());
            }
            artefacts.put(p.program().getFileName().toString(), Sha256.of(p.program()));
            if (suite.run(p, request()).output() instanceof Classification c) {
                modelSha = c.modelSha256();
            }
        }
        Map<String, String> measurement = new TreeMap<>();
        measurement.put("input", settings.input());
        measurement.put("warmup_rounds", Integer.toString(settings.warmupRounds()));
        measurement.put("cold_start_rounds", Integer.toString(settings.coldStartRounds()));
        measurement.put("warm_loop_iterations", Integer.toString(settings.warmLoopIterations()));
        measurement.put("warm_loop_block", Integer.toString(settings.warmLoopBlock()));
        measurement.put("aot_compile_rounds", Integer.toString(settings.aotCompileRounds()));
        measurement.put("throughput_executions", Integer.toString(PerfSettings.THROUGHPUT_EXECUTIONS));
        if (suite.inContainers()) {
            measurement.put("backend", suite.executor().name());
        }
        return new Fingerprint(MachineIdentity.detect(), rustcVersion(), runtimes, modelSha,
                suite.config().choice("wasm.flavour", WasmFlavour.class).name().toLowerCase(Locale.ROOT), measurement,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"), artefacts);
    }

    private String rustcVersion() {
        RunResult result = suite.runner().run(Command.of(suite.config().string("rustc.binary"), "--version"), null,
                suite.config().seconds("timeout.version.seconds"));
        return result.exitedWith(0) ? result.stdout().strip() : "unknown (" + result.outcome() + ")";
    }
}
