package dev.wasmperf.measure;

import dev.wasmperf.artefacts.AotArtefact;
import dev.wasmperf.baseline.StoredResults;
import dev.wasmperf.execution.Classification;
import dev.wasmperf.execution.ClassifierOutput;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.execution.ResourceUsage;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.execution.RunnerPhases;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.CompilationMode;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.results.SampleKind;
import dev.wasmperf.results.Values;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Measures subjects in rounds. In every round each subject runs once cold (one classification in a fresh process) and
 * once steady (the classifier repeats the inference; the fastest repeat counts). The runs of one variant and one kind
 * (its candidate, reference, canary, control) go back to back, in a seeded random order, and these groups in a seeded
 * random order too: the builds compared with each other run within a second of each other, so a machine that is slower
 * as a whole, for a minute or for a second, slows them alike and the per-round ratio keeps only the difference between
 * the builds; the random orders keep a systematic effect of position (running right after a JIT compile heated the
 * caches) from favouring one.
 *
 * <p>These VMs run each CPU at full or at about half speed in spells (README, "Noise"), so no two processes run one after
 * the other see the same machine. The judged steady state therefore runs all builds of a variant at once on one CPU
 * ({@link #sharedRun}) and compares their CPU time per inference; the fastest repeat of separate runs (interleaved in
 * passes, see {@link #steady}) is kept for JIT variants, whose compile would dwarf a shared run, and for backends that
 * cannot pin processes.
 */
public final class Campaign {

    private final Executor executor;
    private final Duration timeout;
    private final CampaignSettings settings;
    private final Consumer<String> progress;
    private final SampleLog log;
    private final Map<String, String> isa = new java.util.concurrent.ConcurrentHashMap<>();
    /** Repeats of each variant's steady runs, set from its first cold run; the same for every build of a variant. */
    private final Map<String, Integer> repeats;
    /** Each variant's first measured inference (ms), which sizes the shared steady run of the slow ones. */
    private final Map<String, Double> firstInferenceMs = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param repeats steady repeats per variant already chosen (extra rounds keep those of the first rounds), else empty */
    public Campaign(Executor executor, Duration timeout, CampaignSettings settings, SampleLog log, Map<String, Integer> repeats,
                    Consumer<String> progress) {
        this.repeats = new java.util.concurrent.ConcurrentHashMap<>(repeats);
        this.executor = executor;
        this.timeout = timeout;
        this.settings = settings;
        this.log = log;
        this.progress = progress;
    }

    /** What one timed run is: a plain classification, or the classification with repeated inferences (in passes). */
    private record Turn(Subject subject, SampleKind kind) {
    }

    /**
     * Rounds {@code first} .. {@code first + count - 1}. Warm-up rounds ({@code record} false) run the same way and are
     * dropped: the page cache, the CPU's frequency and the runtimes' own files settle in them.
     */
    public void rounds(List<Subject> subjects, StdinPayload input, int first, int count, SplittableRandom random, boolean record) {
        Map<String, List<Turn>> groups = new LinkedHashMap<>();
        for (SampleKind kind : List.of(SampleKind.COLD, SampleKind.STEADY)) {
            for (Subject subject : subjects) {
                groups.computeIfAbsent(subject.variant().id() + " " + kind, g -> new ArrayList<>()).add(new Turn(subject, kind));
            }
        }
        List<List<Turn>> order = new ArrayList<>(groups.values());
        // Time spent per group, for the estimate: variants with fewer rounds stop taking part part-way.
        Map<List<Turn>, Long> spent = new java.util.IdentityHashMap<>();
        long lastReport = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int round = first + i;
            Collections.shuffle(order, new java.util.Random(random.nextLong()));
            for (List<Turn> group : order) {
                Collections.shuffle(group, new java.util.Random(random.nextLong()));
            }
            steadyAfterFirstCold(order, group -> group.get(0).kind() == SampleKind.STEADY
                    && !repeats.containsKey(group.get(0).subject().variant().id()));
            for (List<Turn> group : order) {
                if (round >= settings.roundsFor(group.get(0).subject().variant())) {
                    continue;
                }
                List<Subject> builds = group.stream().map(Turn::subject).toList();
                long groupStarted = System.nanoTime();
                if (group.get(0).kind() == SampleKind.COLD) {
                    Map<Subject, Double> shared = sharesCpuCold(builds.get(0).variant()) ? sharedColdRun(builds, input, random) : Map.of();
                    builds.forEach(subject -> coldRun(subject, input, round, record, SampleKind.COLD, shared));
                } else {
                    steady(builds, input, round, record, random);
                }
                spent.merge(group, System.nanoTime() - groupStarted, Long::sum);
            }
            long now = System.nanoTime();
            // About every 15 s: enough to see progress in CI logs without flooding them.
            if (now - lastReport > 15e9 && i + 1 < count) {
                progress.accept(String.format(Locale.ROOT, "%s round %d/%d (%d subjects), ~%.0f s left", record ? "timed" : "warm-up",
                        i + 1, count, subjects.size(), secondsLeft(spent, first, i + 1, count)));
                lastReport = now;
            }
        }
    }

    /**
     * Moves the groups {@code waiting} matches (steady runs of a variant whose repeat count is not chosen yet) after
     * all others, keeping the random order otherwise. The count comes from the variant's first cold run; a steady run
     * before it would use perf.repeat instead of the variant's own count ({@code perf.repeat.<group>}, or fewer for a
     * slow inference), and a slow variant then outlasts the run timeout on a slower CPU (chicory-jit and
     * wasmtime-pulley-aot did on a Zen 3 VM).
     */
    static <T> void steadyAfterFirstCold(List<T> order, java.util.function.Predicate<T> waiting) {
        order.sort(java.util.Comparator.comparing(waiting::test));
    }

    /** Each group's mean time per round it ran, times the rounds it has left: capped variants stop counting when they stop. */
    private double secondsLeft(Map<List<Turn>, Long> spent, int first, int done, int count) {
        double left = 0;
        for (Map.Entry<List<Turn>, Long> group : spent.entrySet()) {
            int cap = settings.roundsFor(group.getKey().get(0).subject().variant());
            int ran = Math.max(0, Math.min(first + done, cap) - first);
            int remaining = Math.max(0, Math.min(first + count, cap) - (first + done));
            left += ran == 0 ? 0 : group.getValue() / 1e9 / ran * remaining;
        }
        return left;
    }

    /**
     * One cold run per subject right after dropping the kernel's page cache (root only: /proc/sys/vm/drop_caches), so the
     * runtime and the artefact come from disk: what a first start after boot costs. Untimed for verdicts (one run each,
     * and disk speed is not the code's); reported apart. Returns why not when the cache cannot be dropped.
     */
    public Optional<String> coldCache(List<Subject> subjects, StdinPayload input) {
        Path control = Path.of("/proc/sys/vm/drop_caches");
        for (Subject subject : subjects) {
            try {
                executor.run(Command.of("sync"), null, timeout);
                Files.writeString(control, "3\n");
            } catch (java.io.IOException | RuntimeException e) {
                return Optional.of("cold-cache starts not measured: cannot drop the page cache (" + control + ": " + e.getMessage()
                        + "; it needs root)");
            }
            coldRun(subject, input, -1, true, SampleKind.COLD_CACHE, Map.of());
        }
        return Optional.empty();
    }

    private void coldRun(Subject subject, StdinPayload input, int round, boolean record, SampleKind kind, Map<Subject, Double> sharedCpu) {
        RunResult run = executor.run(subject.prepared().command(), input.file(), timeout);
        Classification classification = classified(subject, input, run);
        isa.putIfAbsent(subject.name(), classification.isa());
        Long inference = classification.phasesUs().get("inference");
        if (inference != null) {
            repeats.putIfAbsent(subject.variant().id(), settings.repeatsFor(subject.variant(), inference / 1000.0));
            firstInferenceMs.putIfAbsent(subject.variant().id(), inference / 1000.0);
        }
        if (!record) {
            return;
        }
        ResourceUsage usage = run.usage().orElseThrow();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(Values.WALL_MS, ms(usage.wall()));
        values.put(Values.USER_MS, ms(usage.user()));
        values.put(Values.SYSTEM_MS, ms(usage.system()));
        if (sharedCpu.containsKey(subject)) {
            values.put(Values.SHARED_COLD_CPU_MS, sharedCpu.get(subject));
        }
        values.put(Values.MAX_RSS_KIB, (double) usage.maxRssKib());
        usage.containerPeakKib().ifPresent(kib -> values.put(Values.CONTAINER_PEAK_KIB, (double) kib));
        values.put(Values.MINOR_FAULTS, (double) usage.minorFaults());
        values.put(Values.MAJOR_FAULTS, (double) usage.majorFaults());
        values.put(Values.VOLUNTARY_SWITCHES, (double) usage.voluntarySwitches());
        values.put(Values.INVOLUNTARY_SWITCHES, (double) usage.involuntarySwitches());
        phase(values, Values.MODEL_LOAD_MS, classification, "model_load");
        phase(values, Values.DECODE_MS, classification, "decode");
        phase(values, Values.PREPROCESS_MS, classification, "preprocess");
        phase(values, Values.INFERENCE_MS, classification, "inference");
        phase(values, Values.PROGRAM_MS, classification, "total");
        RunnerPhases.moduleLoadMicros(run.stderr()).ifPresent(us -> values.put(Values.RUNNER_MODULE_LOAD_MS, us / 1000.0));
        log.add(round, subject, kind, values, Map.of());
    }

    /**
     * The steady runs of one variant's builds in one round: passes of one process each, the builds in a new random order
     * every pass, so that all of them sample the same second of the machine, interleaved. Per build the fastest of all its
     * repeats counts: a build whose every repeat fell in a slow spell in one pass has two more passes to find a fast one,
     * and so has its reference, in the same window. JIT variants take one pass (each would compile the module again), and
     * so do variants whose steady state the shared run judges ({@link #sharedRun}): their fastest repeat is reported only.
     */
    private void steady(List<Subject> builds, StdinPayload input, int round, boolean record, SplittableRandom random) {
        Variant variant = builds.get(0).variant();
        int count = repeats.getOrDefault(variant.id(), settings.repeat());
        // With a shared run judging the steady state, one pass is enough for the fastest repeat, which is then reported only.
        int passes = variant.mode() == CompilationMode.JIT || sharesCpu(variant) ? 1 : settings.steadyPasses();
        Command command = null;
        Map<Subject, List<Double>> times = new LinkedHashMap<>();
        Map<Subject, Double> walls = new LinkedHashMap<>();
        List<Subject> order = new ArrayList<>(builds);
        for (int pass = 0; pass < passes; pass++) {
            Collections.shuffle(order, new java.util.Random(random.nextLong()));
            for (Subject subject : order) {
                int repeat = variant.mode() == CompilationMode.JIT ? count * settings.steadyPasses() : count;
                command = subject.prepared().command(List.of("--repeat", Integer.toString(repeat)));
                RunResult run = freshPages() ? executor.runOnFreshPages(command, input.file(), timeout, List.of(subject.prepared().program()))
                        : executor.run(command, input.file(), timeout);
                List<Long> repeated = classified(subject, input, run).repeatedInferenceUs();
                if (repeated.isEmpty()) {
                    throw new MeasurementException("Cannot measure the steady state of " + subject + ": asked for repeated inferences ("
                            + command.display() + "), it reported none. A classifier built before --repeat existed does not know it: "
                            + "rebuild it (bash src/classifier/build.sh), or record a newer reference (" + StoredResults.UPDATE_COMMAND + ").");
                }
                repeated.forEach(us -> times.computeIfAbsent(subject, x -> new ArrayList<>()).add(us / 1000.0));
                walls.merge(subject, ms(run.usage().orElseThrow().wall()), Double::sum);
            }
        }
        Map<Subject, Double> shared = sharesCpu(variant) ? sharedRun(builds, input, count, random) : Map.of();
        if (!record) {
            return;
        }
        for (Subject subject : builds) {
            List<Double> sorted = times.get(subject).stream().sorted().toList();
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(Values.WALL_MS, walls.get(subject));
            values.put(Values.STEADY_BEST_MS, sorted.get(0));
            values.put(Values.STEADY_MEDIAN_MS, sorted.get(sorted.size() / 2));
            if (shared.containsKey(subject)) {
                values.put(Values.SHARED_CPU_MS, shared.get(subject));
            }
            log.add(round, subject, SampleKind.STEADY, values, Map.of(Values.REPEATED_INFERENCE_MS, times.get(subject)));
        }
    }

    /**
     * Whether the builds of this variant also run together on one CPU (see {@link #sharedRun}): asked for, the backend can,
     * and the variant is not a JIT, whose compile (in every process, on several threads) would dwarf the inferences.
     */
    public boolean sharesCpu(Variant variant) {
        return settings.sharedMillis() > 0 && pinsCpus() && variant.mode() != CompilationMode.JIT;
    }

    /**
     * All builds of one variant at once, pinned to one CPU chosen at random, each repeating the inference for about
     * perf.steady.shared.millis: they take turns on that CPU in slices of a few milliseconds, so a spell at half speed
     * slows each of them alike, and the ratio of their CPU times per inference keeps only the builds' difference. Start-up
     * is in that CPU time too, spread over the repeats (a few percent of it; the cold-start metrics judge it on its own).
     */
    private Map<Subject, Double> sharedRun(List<Subject> builds, StdinPayload input, int steadyRepeats, SplittableRandom random) {
        long byRepeats = Math.round((double) steadyRepeats * settings.sharedMillis() / Math.max(1, settings.steadyMillis()));
        // A variant whose one inference outlasts a steady pass (an interpreter: its least repeat count, not the time, set
        // steadyRepeats) makes about perf.steady.shared.millis of inferences instead of that many passes' worth.
        double inferenceMs = firstInferenceMs.getOrDefault(builds.get(0).variant().id(), 0.0);
        if (inferenceMs > settings.steadyMillis()) {
            byRepeats = Math.round(settings.sharedMillis() / inferenceMs);
        }
        int inferences = 1 + (int) Math.max(1, byRepeats);
        Map<Subject, RunResult> runs = sharingOneCpu(builds, input, random, subject -> new Executor.Start(
                subject.prepared().command(List.of("--repeat", Integer.toString(inferences - 1))),
                freshPages() ? List.of(subject.prepared().program()) : List.of()));
        Map<Subject, Double> cpuPerInference = new LinkedHashMap<>();
        runs.forEach((subject, run) -> {
            int repeated = classified(subject, input, run).repeatedInferenceUs().size();
            if (repeated != inferences - 1) {
                throw new MeasurementException("Cannot measure the shared steady state of " + subject + ": asked for " + (inferences - 1)
                        + " repeated inferences, it reported " + repeated + ". Rebuild the classifier (bash src/classifier/build.sh).");
            }
            cpuPerInference.put(subject, cpuMs(run) / inferences);
        });
        return cpuPerInference;
    }

    /**
     * The builds' commands started at once, in a random order, pinned to one CPU chosen at random; their runs by build, in
     * that order. What the shared steady and the shared cold runs have in common.
     */
    private Map<Subject, RunResult> sharingOneCpu(List<Subject> builds, StdinPayload input, SplittableRandom random,
                                                  java.util.function.Function<Subject, Executor.Start> start) {
        List<Subject> order = new ArrayList<>(builds);
        Collections.shuffle(order, new java.util.Random(random.nextLong()));
        List<Integer> cpus = executor.cpus();
        int cpu = cpus.get(random.nextInt(cpus.size()));
        List<RunResult> runs = executor.runSharingCpu(order.stream().map(start).toList(), input.file(), timeout.multipliedBy(builds.size()), cpu);
        Map<Subject, RunResult> byBuild = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            byBuild.put(order.get(i), runs.get(i));
        }
        return byBuild;
    }

    /** Whether this backend can pin processes to one CPU of those this process may use. */
    private boolean pinsCpus() {
        return executor.sharesCpu() && !executor.cpus().isEmpty();
    }

    private static double cpuMs(RunResult run) {
        ResourceUsage usage = run.usage().orElseThrow();
        return ms(usage.user()) + ms(usage.system());
    }

    /**
     * Whether the cold runs of each variant's builds also run together on one CPU ({@link #sharedColdRun}): asked for, and
     * the backend can. JIT variants too: their cold start is mostly their compile, whose threads then share that CPU.
     */
    public boolean sharesCpuCold(Variant variant) {
        return settings.sharesCold(variant) && pinsCpus();
    }

    /**
     * The cold start's counterpart of {@link #sharedRun}: one classification per build, all started at once pinned to one
     * CPU chosen at random. A cold start lasts tens of milliseconds, a few of the scheduler's turns, so each build sees
     * the same spells of the CPU's speed as the others, which one process after the other does not (a wall-clock cold
     * start cannot be timed this way: the builds wait for each other). Their user + system CPU times are the cold-cpu metric.
     */
    private Map<Subject, Double> sharedColdRun(List<Subject> builds, StdinPayload input, SplittableRandom random) {
        Map<Subject, RunResult> runs = sharingOneCpu(builds, input, random,
                subject -> new Executor.Start(subject.prepared().command(), List.of()));
        Map<Subject, Double> cpuTimes = new LinkedHashMap<>();
        runs.forEach((subject, run) -> {
            classified(subject, input, run);
            cpuTimes.put(subject, cpuMs(run));
        });
        return cpuTimes;
    }

    /** Whether steady runs drop their artefact from the page cache first: asked for, and the backend can. */
    public boolean freshPages() {
        return settings.freshPages() && executor.dropsPages();
    }

    /** Why steady runs keep their artefacts' page-cache placement, when they were asked not to. */
    public Optional<String> freshPagesNote() {
        return settings.freshPages() && !executor.dropsPages()
                ? Optional.of("steady runs keep each artefact's page-cache placement: the " + executor.name() + " backend cannot drop "
                + "files from the page cache, so identical builds may differ by a few percent in steady state")
                : Optional.empty();
    }

    /** Steady repeats per variant, as chosen from the first cold runs. */
    public Map<String, Integer> repeats() {
        return Map.copyOf(repeats);
    }

    /** The kernels each subject's classifier reported running ("avx2", "simd128"), by subject name. */
    public Map<String, String> isa() {
        return Map.copyOf(isa);
    }

    /** One classification per subject with its resident memory sampled, outside the timed rounds (sampling costs CPU). */
    public void memory(List<Subject> subjects, StdinPayload input) {
        for (Subject subject : subjects) {
            RunResult run = executor.runSamplingMemory(subject.prepared().command(), input.file(), timeout);
            classified(subject, input, run);
            ResourceUsage usage = run.usage().orElseThrow();
            usage.memoryAtPeak().ifPresent(split -> {
                Map<String, Double> values = new LinkedHashMap<>();
                values.put(Values.MAX_RSS_KIB, (double) usage.maxRssKib());
                values.put(Values.RSS_KIB, (double) split.rssKib());
                values.put(Values.ANON_KIB, (double) split.anonKib());
                values.put(Values.FILE_KIB, (double) split.fileKib());
                values.put(Values.SHMEM_KIB, (double) split.shmemKib());
                log.add(-1, subject, SampleKind.MEMORY, values, Map.of());
            });
        }
    }

    /**
     * AOT compile time: each AOT subject's module compiled by its runtime into a scratch file, in rounds with a random
     * order, like the timed runs. The artefacts the subjects run are left alone.
     */
    public void compile(List<Subject> subjects, int rounds, SplittableRandom random, Path scratch) {
        List<Subject> aot = new ArrayList<>(subjects.stream().filter(s -> s.prepared().aot().isPresent()).toList());
        if (aot.isEmpty() || rounds == 0) {
            return;
        }
        progress.accept("AOT compile time: " + rounds + " rounds x " + aot.size() + " subjects");
        for (int round = 0; round < rounds; round++) {
            Collections.shuffle(aot, new java.util.Random(random.nextLong()));
            for (Subject subject : aot) {
                AotArtefact artefact = subject.prepared().aot().orElseThrow();
                Path output = scratch.resolve(subject.name().replaceAll("[^A-Za-z0-9-]+", "_") + "." + subject.variant().runtime().aotExtension());
                Command command = Command.of(subject.variant().runtime().aotCompile(subject.prepared().runtimeBinary().orElseThrow(),
                        subject.variant().compiler(), artefact.source(), output));
                RunResult run = executor.run(command, null, timeout.multipliedBy(10));
                if (!run.exitedWith(0) || !Files.isRegularFile(output)) {
                    throw new MeasurementException("Cannot time the AOT compilation of " + subject + ": it failed.\n" + run.describe());
                }
                ResourceUsage usage = run.usage().orElseThrow();
                Map<String, Double> values = new LinkedHashMap<>();
                values.put(Values.WALL_MS, ms(usage.wall()));
                values.put(Values.USER_MS, ms(usage.user()));
                values.put(Values.SYSTEM_MS, ms(usage.system()));
                values.put(Values.MAX_RSS_KIB, (double) usage.maxRssKib());
                log.add(round, subject, SampleKind.COMPILE, values, Map.of());
            }
        }
    }

    /** The classification a measured run must produce: the timing of a crash describes the crash, not the classifier. */
    static Classification classified(Subject subject, StdinPayload input, RunResult run) {
        ClassifierOutput output = ClassifierOutput.of(run);
        if (!(output instanceof Classification classification) || run.usage().isEmpty()) {
            throw new MeasurementException("Cannot measure " + subject + ": its run on " + input + " did not produce a classification, "
                    + "so there is nothing meaningful to time. Fix the failure first (the correctness tests show it too).\n"
                    + run.describe());
        }
        return classification;
    }

    private static void phase(Map<String, Double> values, String key, Classification classification, String phase) {
        Long us = classification.phasesUs().get(phase);
        if (us != null) {
            values.put(key, us / 1000.0);
        }
    }

    private static double ms(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
