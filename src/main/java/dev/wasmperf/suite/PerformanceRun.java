package dev.wasmperf.suite;

import dev.wasmperf.artefacts.AotArtefact;
import dev.wasmperf.artefacts.Sha256;
import dev.wasmperf.baseline.ReferenceBuild;
import dev.wasmperf.baseline.StoredResults;
import dev.wasmperf.container.ContainerExecutor;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.judge.Comparison;
import dev.wasmperf.judge.Finding;
import dev.wasmperf.judge.Judge;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.machine.MachineIdentity;
import dev.wasmperf.machine.MachineLoad;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.measure.Campaign;
import dev.wasmperf.measure.CampaignSettings;
import dev.wasmperf.measure.InstructionCounter;
import dev.wasmperf.measure.SampleLog;
import dev.wasmperf.measure.Subject;
import dev.wasmperf.report.VerdictTable;
import dev.wasmperf.results.Build;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSets;
import dev.wasmperf.results.RunInfo;
import dev.wasmperf.results.SubjectInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The performance side of one suite run, measured once: every ready variant of this checkout (the candidate), the same
 * variant built from the reference commit, and for the self-test a canary build and the reference once more (the
 * control), all in the same rounds; then memory, AOT compile time and instruction counts. The result set is written to
 * target/results/ and judged (judge.Judge) against the references and the values stored for this machine profile.
 */
public final class PerformanceRun {

    /**
     * What the run found.
     *
     * @param problems subjects that could not be measured, with the reason (a reference or canary that cannot run)
     */
    public record Outcome(ResultSet result, Path resultFile, Comparison comparison, Map<String, String> problems, Path storedFile) {
    }

    private final Suite suite;
    private final CampaignSettings settings;
    private final JudgeSettings judging;
    private final StoredResults store;
    private Outcome outcome;

    public PerformanceRun(Suite suite) {
        this.suite = suite;
        this.settings = CampaignSettings.from(suite.config());
        this.judging = JudgeSettings.from(suite.config());
        this.store = new StoredResults(suite.config().path("perf.baselines.dir"));
    }

    public CampaignSettings settings() {
        return settings;
    }

    public JudgeSettings judging() {
        return judging;
    }

    public StoredResults store() {
        return store;
    }

    /** The fixture every timing uses (perf.input). */
    public Fixture input() {
        String input = settings.input();
        return suite.manifest().fixtures().stream().filter(f -> f.name().equals(input)).findFirst()
                .orElseThrow(() -> new IllegalStateException("perf.input=" + input + " is not a fixture in "
                        + suite.manifest().file() + "; choose one of " + suite.manifest().fixtures()));
    }

    public StdinPayload request() {
        return suite.request(input());
    }

    public synchronized Outcome outcome() {
        if (outcome == null) {
            outcome = measure();
        }
        return outcome;
    }

    private Outcome measure() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> problems = new LinkedHashMap<>();
        ReferenceBuild reference = ReferenceBuild.load(suite.config().projectDir(), suite.config().targetDir());
        List<String> notes = new ArrayList<>();
        List<Subject> subjects = subjects(reference, problems, notes);
        if (subjects.stream().noneMatch(s -> s.role() == BuildRole.CANDIDATE)) {
            throw new IllegalStateException("No selected variant is ready to measure (variants=" + Variant.ids(suite.selection().selected())
                    + "); the correctness tests say why.");
        }
        boolean local = suite.executor().runsAsChildren();
        Optional<InstructionCounter> counter = counter(local, notes, problems);
        long seed = settings.seed().orElseGet(System::nanoTime);
        SplittableRandom random = new SplittableRandom(seed);
        StdinPayload input = request();
        SampleLog log = new SampleLog(0);
        Campaign campaign = new Campaign(suite.executor(), suite.runTimeout(), settings, log, Map.of(), PerformanceRun::progress);
        campaign.freshPagesNote().ifPresent(notes::add);

        progress(String.format(Locale.ROOT, "%d subjects (%s), %d warm-up + %d rounds, each a cold and a steady run (about %d ms of "
                        + "repeated inferences), seed %d, on %s", subjects.size(), names(subjects), settings.warmupRounds(), settings.rounds(),
                settings.steadyMillis(), seed, MachineIdentity.detect()));
        verify(subjects);
        Optional<MachineLoad.Counters> before = local ? MachineLoad.Counters.read() : Optional.empty();
        campaign.rounds(subjects, input, -settings.warmupRounds(), settings.warmupRounds(), random, false);
        campaign.rounds(subjects, input, 0, settings.rounds(), random, true);
        subjects.stream().map(Subject::variant).distinct().filter(v -> settings.roundsFor(v) < settings.rounds()).forEach(v -> notes.add(
                v.id() + " takes part in " + settings.roundsFor(v) + " of the " + settings.rounds() + " rounds (perf.rounds.<group> in "
                        + "suite.properties, the reason beside it): its intervals are wider"));
        subjects.stream().map(Subject::variant).distinct().filter(v -> settings.sharedCold() && !settings.sharesCold(v)).forEach(v -> notes.add(
                v.id() + " has no shared-CPU cold run, so no cold-cpu (perf.cold.shared.<group> in suite.properties, the reason beside it)"));
        MachineLoad load = MachineLoad.between(before, local ? MachineLoad.Counters.read() : Optional.empty());
        if (settings.sampleMemory() && local) {
            campaign.memory(subjects, input);
        }
        if (settings.coldCache() && local) {
            campaign.coldCache(subjects.stream().filter(s -> s.role() == BuildRole.CANDIDATE).toList(), input).ifPresent(notes::add);
        }
        if (local) {
            campaign.compile(subjects.stream().filter(s -> s.role() == BuildRole.CANDIDATE || s.role() == BuildRole.REFERENCE).toList(),
                    settings.compileRounds(), random, scratch());
        }
        List<Subject> counted = subjects.stream().filter(s -> settings.counts(s.variant())).toList();
        if (counter.isPresent() && counted.size() < subjects.size()) {
            notes.add("instructions not counted for " + names(subjects.stream().filter(s -> !counted.contains(s)).toList())
                    + " (perf.instructions.<group>=false in suite.properties, the reason beside it)");
        }
        counter.ifPresent(c -> c.countAll(counted, input, settings.parallelCounts(), log, PerformanceRun::progress));
        verify(subjects);

        Map<String, String> described = new TreeMap<>(settings.describe(seed));
        campaign.repeats().forEach((variant, count) -> described.put("repeat." + variant, Integer.toString(count)));
        // What the steady runs did, not what was asked: a backend that cannot drop pages did not (its note says so).
        described.put("steady_fresh_pages", Boolean.toString(campaign.freshPages()));
        ResultSet result = new ResultSet(ResultSet.SCHEMA, runInfo(started), MachineIdentity.detect(), environment(counter),
                described, builds(reference, subjects), subjectInfos(subjects, campaign.isa()), log.samples(), load, notes);
        Optional<ResultSet> stored = local ? store.load(result.profile()) : Optional.empty();
        Comparison comparison = Judge.compare(result, stored, judging);

        // Undecided timings (the estimate beyond the tolerance, the interval not clear of it) get more rounds, once.
        // A variant that declares fewer rounds gets no more either.
        List<Subject> undecided = undecided(comparison, subjects).stream().filter(s -> settings.roundsFor(s.variant()) > settings.rounds()).toList();
        int extra = settings.maxRounds() - settings.rounds();
        if (!undecided.isEmpty() && extra > 0) {
            progress(extra + " more rounds for " + names(undecided) + ": a timing's estimate is beyond its tolerance but its interval "
                    + "is not clear of it");
            SampleLog more = new SampleLog(result.samples().size());
            Campaign again = new Campaign(suite.executor(), suite.runTimeout(), settings, more, campaign.repeats(), PerformanceRun::progress);
            Optional<MachineLoad.Counters> start = local ? MachineLoad.Counters.read() : Optional.empty();
            again.rounds(undecided, input, settings.rounds(), extra, random, true);
            result = result.withSamples(more.samples(), runInfo(started), MachineLoad.between(start,
                    local ? MachineLoad.Counters.read() : Optional.empty()));
            comparison = Judge.compare(result, stored, judging);
        }
        Path file = write(result);
        Path verdicts = suite.config().targetDir().resolve("perf-verdicts.md");
        writeText(verdicts, VerdictTable.markdown(comparison));
        progress("result set " + file + "; verdicts " + verdicts);
        return new Outcome(result, file, comparison, problems, store.file(result.profile()));
    }

    /**
     * The candidate of every ready variant, its reference, and for the canary variants the canary and the control. A
     * variant the reference build cannot run yet (perf.unpaired.&lt;group&gt;=&lt;reason&gt;: it is newer than the reference
     * commit) is measured without one, and the result set's notes say why.
     */
    private List<Subject> subjects(ReferenceBuild reference, Map<String, String> problems, List<String> notes) {
        List<Subject> subjects = new ArrayList<>();
        List<Subject> references = new ArrayList<>();
        List<Subject> selfTest = new ArrayList<>();
        Set<Variant> canaries = new LinkedHashSet<>();
        boolean local = suite.executor().runsAsChildren();
        if (local) {
            for (String id : suite.config().list("perf.canary.variants")) {
                canaries.add(Variant.byId(id).orElseThrow(() -> new IllegalArgumentException(
                        "perf.canary.variants names '" + id + "'; valid: " + Variant.validIds())));
            }
        }
        for (Variant variant : suite.selection().selected()) {
            if (!(suite.readiness(variant) instanceof Readiness.Ready ready)) {
                continue;
            }
            subjects.add(new Subject(ready.prepared(), BuildRole.CANDIDATE));
            Optional<String> unpaired = suite.config().groupKey("perf.unpaired", variant.groups());
            if (unpaired.isPresent()) {
                notes.add(variant + " has no reference build in this run, so no paired verdict (" + unpaired.get() + ": "
                        + suite.config().string(unpaired.get()) + ")");
                continue;
            }
            Readiness ref = suite.prepareBuild(variant, suite.config().targetDir().resolve("reference"),
                    suite.setup().runtimes().atVersions(reference.runtimes()));
            if (!(ref instanceof Readiness.Ready readyReference)) {
                problems.put(variant + BuildRole.REFERENCE.suffix(), "the reference build of " + variant + " (" + reference.describe()
                        + ") cannot run: " + describe(ref) + ". mvn verify builds it at pre-integration-test with "
                        + "'bash src/classifier/build-reference.sh'; a runtime version other than the pin is installed by 'bash ci/setup.sh'.");
                continue;
            }
            references.add(new Subject(readyReference.prepared(), BuildRole.REFERENCE));
            if (canaries.contains(variant)) {
                Readiness canary = suite.prepareBuild(variant, suite.config().targetDir().resolve("canary"));
                if (canary instanceof Readiness.Ready readyCanary) {
                    selfTest.add(new Subject(readyCanary.prepared(), BuildRole.CANARY));
                    selfTest.add(new Subject(readyReference.prepared(), BuildRole.CONTROL));
                } else {
                    problems.put(variant + BuildRole.CANARY.suffix(), "the canary build of " + variant + " cannot run: " + describe(canary)
                            + ". It is built at pre-integration-test by 'bash src/classifier/build.sh canary' into target/canary/.");
                }
            }
        }
        subjects.addAll(references);
        subjects.addAll(selfTest);
        return subjects;
    }

    /** Instruction counting as configured; asked for but impossible is a problem, never a quiet omission. */
    private Optional<InstructionCounter> counter(boolean local, List<String> notes, Map<String, String> problems) {
        if (!settings.countInstructions()) {
            notes.add("instructions not counted: perf.instructions=false");
            return Optional.empty();
        }
        if (!local) {
            notes.add("instructions not counted in containers: the counts do not depend on where they run, and the local run counts them");
            return Optional.empty();
        }
        Path valgrind = suite.config().path("valgrind.binary");
        RunResult version = suite.runner().run(Command.of(valgrind.toString(), "--version"), null, suite.config().seconds("timeout.version.seconds"));
        if (!version.exitedWith(0)) {
            String why = "perf.instructions=true asks for instruction counts, but " + valgrind + " cannot run (" + version.outcome()
                    + "). Install it with 'apt-get install -y valgrind' (bash ci/setup.sh does), point valgrind.binary at it, or judge on "
                    + "timings alone with -Dperf.instructions=false.";
            problems.put("instructions", why);
            notes.add("instructions not counted: " + why);
            return Optional.empty();
        }
        return Optional.of(new InstructionCounter(suite.runner(), valgrind, version.stdout().strip(),
                suite.config().targetDir().resolve("instructions"), suite.config().seconds("timeout.instructions.seconds")));
    }

    /** Every pair with a timing whose estimate is beyond its tolerance while its interval is not clear of it. */
    /**
     * The candidates with an undecided timing, and their references. The canary's own undecided timings add none: it is
     * there to be flagged by the metrics the self-test requires, and its +5% sits on the wall-clock cold start's 5%
     * tolerance, so it would buy extra rounds in every run.
     */
    private static List<Subject> undecided(Comparison comparison, List<Subject> subjects) {
        Set<String> candidates = subjects.stream().filter(s -> s.role() == BuildRole.CANDIDATE).map(Subject::name)
                .collect(java.util.stream.Collectors.toSet());
        Set<String> variants = new LinkedHashSet<>();
        for (Finding finding : comparison.findings()) {
            if (finding.undecided() && candidates.contains(finding.subject())) {
                variants.add(finding.subject());
                variants.add(finding.variant() + BuildRole.REFERENCE.suffix());
            }
        }
        return subjects.stream().filter(s -> variants.contains(s.name())).toList();
    }

    private void verify(List<Subject> subjects) {
        subjects.forEach(s -> s.prepared().aot().ifPresent(AotArtefact::verify));
    }

    private RunInfo runInfo(Instant started) {
        return new RunInfo(started.toString(), started.toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                suite.executor().name(), ReferenceBuild.checkoutCommit(suite.config().projectDir(), suite.runner()));
    }

    private Map<String, String> environment(Optional<InstructionCounter> counter) {
        Map<String, String> environment = new TreeMap<>();
        environment.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        environment.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        environment.put("rustc", version(suite.config().string("rustc.binary"), "--version"));
        environment.put("wasm-opt", version("wasm-opt", "--version"));
        environment.put("launcher", suite.runner().binary().getFileName() + " " + Sha256.of(suite.runner().binary()).substring(0, 12));
        counter.ifPresent(c -> environment.put("valgrind", c.version()));
        if (suite.inContainers()) {
            environment.put("docker-engine", ContainerExecutor.engine());
        }
        return environment;
    }

    private String version(String binary, String flag) {
        RunResult result = suite.runner().run(Command.of(binary, flag), null, suite.config().seconds("timeout.version.seconds"));
        return result.exitedWith(0) ? result.stdout().strip().lines().findFirst().orElse("") : "unknown (" + result.outcome() + ")";
    }

    private Map<BuildRole, Build> builds(ReferenceBuild reference, List<Subject> subjects) {
        Map<String, String> runtimes = new TreeMap<>();
        for (Subject s : subjects) {
            if (s.role() == BuildRole.CANDIDATE && s.variant().runtime().isWebAssembly()) {
                runtimes.put(s.variant().runtime().id(), s.prepared().runtimeVersion());
            }
        }
        Optional<String> tree = ReferenceBuild.checkoutTree(suite.config().projectDir(), suite.runner());
        StringBuilder candidate = new StringBuilder("this checkout (src/classifier " + tree.map(t -> "tree " + t.substring(0, 12))
                .orElse("with uncommitted changes") + ")");
        runtimes.forEach((runtime, version) -> candidate.append(", ").append(runtime).append(' ').append(version));
        Map<BuildRole, Build> builds = new EnumMap<>(BuildRole.class);
        builds.put(BuildRole.CANDIDATE, new Build(candidate.toString(), tree.orElse(""), runtimes));
        builds.put(BuildRole.REFERENCE, reference.toBuild());
        if (subjects.stream().anyMatch(s -> s.role() == BuildRole.CANARY)) {
            builds.put(BuildRole.CANARY, new Build("this checkout with feature canary: +" + suite.config().string("perf.canary.work.percent")
                    + "% of each operator kind's multiply-accumulates repeated, +" + suite.config().string("perf.canary.memory.kib") + " KiB held",
                    "", runtimes));
            builds.put(BuildRole.CONTROL, new Build("the reference once more, as a subject of its own (the A/A control)",
                    reference.toBuild().tree(), reference.toBuild().runtimes()));
        }
        return builds;
    }

    private static List<SubjectInfo> subjectInfos(List<Subject> subjects, Map<String, String> isa) {
        List<SubjectInfo> infos = new ArrayList<>();
        for (Subject s : subjects) {
            PreparedVariant p = s.prepared();
            long bytes;
            try {
                bytes = Files.size(p.program());
            } catch (IOException e) {
                bytes = -1;
            }
            infos.add(new SubjectInfo(s.name(), s.variant().id(), s.variant().runtime().id(), s.variant().mode().id(), s.role(),
                    p.runtimeVersion(), p.command().display(), p.program().toString(), Sha256.of(p.program()), bytes,
                    isa.getOrDefault(s.name(), "")));
        }
        return infos;
    }

    private Path write(ResultSet result) {
        Path dir = suite.config().targetDir().resolve("results");
        Path file = ResultSets.write(dir.resolve(result.run().id().replace(":", "") + "-" + result.run().backend() + ".json"), result);
        ResultSets.write(dir.resolve("latest-" + result.run().backend() + ".json"), result);
        return file;
    }

    private Path scratch() {
        try {
            return Files.createDirectories(suite.config().targetDir().resolve("perf-compile"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create target/perf-compile", e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String describe(Readiness readiness) {
        if (readiness instanceof Readiness.Unavailable u) {
            return u.reason();
        }
        return readiness instanceof Readiness.Broken b ? b.cause().getMessage() : "ready";
    }

    private static String names(List<Subject> subjects) {
        return String.join(", ", subjects.stream().map(Subject::name).toList());
    }

    private static void progress(String line) {
        System.out.println("[wasm-perf-suite] perf: " + line);
    }
}
