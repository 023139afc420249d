package dev.wasmperf.measure;

import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.InstalledRuntime;
import dev.wasmperf.stats.Samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Measures subjects side by side. Every phase runs in rounds, one turn per subject per round, with the starting
 * subject rotating from round to round: drift on a shared machine (another job, a thermal change) then hits every
 * subject alike, and each subject's ratio to native is taken within one round, where both saw the same machine.
 * Phases are separate (cold start, warm loop, AOT compilation) so a report can say which one moved.
 */
public final class PerfCampaign {

    private final Executor runner;
    private final Duration timeout;
    private final PerfSettings settings;
    private final Consumer<String> progress;

    public PerfCampaign(Executor runner, Duration timeout, PerfSettings settings, Consumer<String> progress) {
        this.runner = runner;
        this.timeout = timeout;
        this.settings = settings;
        this.progress = progress;
    }

    /** The same campaign without its warm loop. */
    public PerfCampaign coldStartOnly() {
        return new PerfCampaign(runner, timeout, settings.coldStartOnly(), progress);
    }

    /** Whether a campaign measures this metric itself (the others come from JUnitPerf, the compilers or file sizes). */
    public static boolean measures(Metric metric) {
        return metric == Metric.COLD_START || metric == Metric.PEAK_RSS || metric == Metric.WARM_LOOP
                || metric == Metric.WARM_LOOP_CPU;
    }

    /**
     * Runs warm-up, cold-start and warm-loop rounds over the subjects on one input.
     *
     * @param reference the subject ratios are taken against (native), if it is among the subjects
     */
    public CampaignResult measure(List<Subject> subjects, StdinPayload input, Optional<String> reference) {
        double loadBefore = loadAverage();
        // Other processes' share is only known when the runs' CPU time is counted as the suite's own.
        boolean local = runner.runsAsChildren();
        Optional<MachineLoad.Counters> countersBefore = local ? MachineLoad.Counters.read() : Optional.empty();
        List<String> names = subjects.stream().map(Subject::name).toList();

        for (int round = 0; round < settings.warmupRounds(); round++) {
            for (Subject subject : rotated(subjects, round)) {
                classify(subject, input); // discarded: fills the page cache, settles CPU frequency
            }
        }

        progress.accept("cold start: " + settings.coldStartRounds() + " rounds x " + names);
        Map<String, double[]> wall = new HashMap<>();
        Map<String, double[]> rss = new HashMap<>();
        Map<String, Map<String, double[]>> phases = new HashMap<>();
        for (String name : names) {
            wall.put(name, new double[settings.coldStartRounds()]);
            rss.put(name, new double[settings.coldStartRounds()]);
            phases.put(name, new LinkedHashMap<>());
        }
        for (int round = 0; round < settings.coldStartRounds(); round++) {
            for (Subject subject : rotated(subjects, round)) {
                Measured run = classify(subject, input);
                wall.get(subject.name())[round] = run.wallMs();
                rss.get(subject.name())[round] = run.usage().maxRssKib();
                for (Map.Entry<String, Long> phase : run.classification().phasesUs().entrySet()) {
                    phases.get(subject.name())
                            .computeIfAbsent(phase.getKey(), k -> new double[settings.coldStartRounds()])[round] = phase.getValue();
                }
            }
        }

        progress.accept("warm loop: " + settings.warmLoopIterations() + " consecutive runs each, in blocks of "
                + settings.warmLoopBlock());
        int rounds = settings.warmLoopRounds();
        int block = settings.warmLoopBlock();
        Map<String, double[]> loopWall = new HashMap<>();
        Map<String, double[]> loopCpu = new HashMap<>();
        Map<String, double[]> blockMedians = new HashMap<>();
        Map<String, double[]> totals = new HashMap<>(); // real, user, system seconds
        for (String name : names) {
            loopWall.put(name, new double[settings.warmLoopIterations()]);
            loopCpu.put(name, new double[settings.warmLoopIterations()]);
            blockMedians.put(name, new double[rounds]);
            totals.put(name, new double[3]);
        }
        for (int round = 0; round < rounds; round++) { // zero rounds: a cold-start-only campaign (the self-test)
            for (Subject subject : rotated(subjects, round)) {
                double[] blockWall = new double[block];
                for (int i = 0; i < block; i++) {
                    Measured run = classify(subject, input);
                    int index = round * block + i;
                    double user = run.usage().user().toNanos() / 1e6;
                    double system = run.usage().system().toNanos() / 1e6;
                    loopWall.get(subject.name())[index] = run.wallMs();
                    loopCpu.get(subject.name())[index] = user + system;
                    blockWall[i] = run.wallMs();
                    double[] t = totals.get(subject.name());
                    t[0] += run.wallMs() / 1e3;
                    t[1] += user / 1e3;
                    t[2] += system / 1e3;
                }
                blockMedians.get(subject.name())[round] = Samples.of(Metric.WARM_LOOP.unit(), blockWall).median();
            }
        }

        List<Series> series = new ArrayList<>();
        Map<String, WarmLoopTotals> warmLoops = new LinkedHashMap<>();
        for (String name : names) {
            series.add(new Series(name, Metric.COLD_START, wall.get(name), ratios(wall, name, reference)));
            series.add(new Series(name, Metric.PEAK_RSS, rss.get(name), ratios(rss, name, reference)));
            if (rounds > 0) {
                series.add(new Series(name, Metric.WARM_LOOP, loopWall.get(name), ratios(blockMedians, name, reference)));
                series.add(new Series(name, Metric.WARM_LOOP_CPU, loopCpu.get(name), blockRatios(loopCpu, name, reference, block)));
                double[] t = totals.get(name);
                warmLoops.put(name, new WarmLoopTotals(name, settings.warmLoopIterations(), t[0], t[1], t[2]));
            }
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (Subject subject : subjects) {
            long size = size(subject.prepared().program());
            sizes.put(subject.name() + ": " + subject.prepared().program().getFileName(), size);
            series.add(new Series(subject.name(), Metric.ARTEFACT_SIZE, new double[] {size}, new double[0]));
        }
        MachineLoad machine = MachineLoad.between(countersBefore, local ? MachineLoad.Counters.read() : Optional.empty());
        if (machine.known()) {
            progress.accept("done; meanwhile " + machine.describe());
        }
        return new CampaignResult(names, series, warmLoops, phases, sizes, new double[] {loadBefore, loadAverage()}, machine,
                input.name());
    }

    /**
     * Times `compile` of each runtime on the module, round-robin, into a scratch folder: the artefacts the variants
     * run are never touched. Returns one series per subject name given.
     */
    public List<Series> measureAotCompilation(Map<String, InstalledRuntime> runtimes, Path wasm, Path scratch) {
        progress.accept("AOT compilation: " + settings.aotCompileRounds() + " rounds x " + runtimes.keySet());
        Map<String, double[]> times = new LinkedHashMap<>();
        runtimes.keySet().forEach(name -> times.put(name, new double[settings.aotCompileRounds()]));
        List<String> names = new ArrayList<>(runtimes.keySet());
        for (int round = 0; round < settings.aotCompileRounds(); round++) {
            for (String name : rotated(names, round)) {
                InstalledRuntime runtime = runtimes.get(name);
                Path output = scratch.resolve(name + "." + runtime.runtime().aotExtension());
                try {
                    Files.createDirectories(scratch);
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot prepare " + scratch, e);
                }
                RunResult result = runner.run(Command.of(runtime.runtime().aotCompile(runtime.binary(), wasm, output)), null, timeout);
                if (!result.exitedWith(0) || !Files.isRegularFile(output)) {
                    throw new MeasurementException("AOT compilation for " + name + " failed while measuring its time:\n"
                            + result.describe());
                }
                times.get(name)[round] = result.elapsed().toNanos() / 1e6;
            }
        }
        List<Series> series = new ArrayList<>();
        times.forEach((name, values) -> series.add(new Series(name, Metric.AOT_COMPILE, values, new double[0])));
        return series;
    }

    private Measured classify(Subject subject, StdinPayload input) {
        return Measured.classify(runner, timeout, subject, input);
    }

    private static <T> List<T> rotated(List<T> items, int round) {
        List<T> order = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            order.add(items.get((i + round) % items.size()));
        }
        return order;
    }

    private static double[] ratios(Map<String, double[]> values, String name, Optional<String> reference) {
        if (reference.isEmpty() || name.equals(reference.get()) || !values.containsKey(reference.get())) {
            return new double[0];
        }
        double[] mine = values.get(name);
        double[] theirs = values.get(reference.get());
        double[] ratios = new double[mine.length];
        for (int i = 0; i < mine.length; i++) {
            ratios[i] = mine[i] / theirs[i];
        }
        return ratios;
    }

    /** Per-block ratio of medians: single runs' CPU times are too coarse (GNU time counts in 10 ms steps). */
    private static double[] blockRatios(Map<String, double[]> values, String name, Optional<String> reference, int block) {
        if (reference.isEmpty() || name.equals(reference.get()) || !values.containsKey(reference.get())) {
            return new double[0];
        }
        double[] mine = values.get(name);
        double[] theirs = values.get(reference.get());
        double[] ratios = new double[mine.length / block];
        for (int b = 0; b < ratios.length; b++) {
            double nativeSum = Arrays.stream(theirs, b * block, (b + 1) * block).sum();
            ratios[b] = Arrays.stream(mine, b * block, (b + 1) * block).sum() / Math.max(nativeSum, 1e-9);
        }
        return ratios;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of " + file, e);
        }
    }

    /** The 1-minute load average, or NaN where /proc is not there. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
