package dev.wasmperf.measure;

import dev.wasmperf.execution.Executor;
import dev.wasmperf.fixtures.StdinPayload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs every candidate and its reference in the same rounds, each subject once per round in a seeded random order.
 * A machine that is twice as slow, or a neighbour that is busy for a minute, slows both builds of a round alike, so
 * the per-round ratio candidate / reference keeps only the difference between the builds. The random order (not a
 * rotation) keeps a systematic effect of position, such as running right after a JIT compile that heated the cache,
 * from favouring one build.
 */
public final class PairedCampaign {

    /** A candidate subject and the reference it is judged against. */
    public record Pair(Subject candidate, Subject reference) {

        public Pair {
            if (candidate.variant() != reference.variant()) {
                throw new IllegalArgumentException("A pair compares two builds of one variant, got " + candidate + " and " + reference);
            }
        }
    }

    private final Executor runner;
    private final Duration timeout;
    private final PairedSettings settings;
    private final Consumer<String> progress;

    public PairedCampaign(Executor runner, Duration timeout, PairedSettings settings, Consumer<String> progress) {
        this.runner = runner;
        this.timeout = timeout;
        this.settings = settings;
        this.progress = progress;
    }

    public PairedResult measure(List<Pair> pairs, StdinPayload input, Map<BuildRole, String> builds) {
        Map<String, Subject> subjects = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            subjects.putIfAbsent(pair.candidate().name(), pair.candidate());
            subjects.putIfAbsent(pair.reference().name(), pair.reference());
        }
        long seed = settings.seed().orElseGet(System::nanoTime);
        SplittableRandom random = new SplittableRandom(seed);
        boolean local = runner.runsAsChildren();
        Optional<MachineLoad.Counters> before = local ? MachineLoad.Counters.read() : Optional.empty();

        for (int round = 0; round < settings.warmupRounds(); round++) {
            for (Subject subject : shuffled(subjects.values(), random)) {
                Measured.classify(runner, timeout, subject, input); // discarded: page cache, CPU frequency, runtime files
            }
        }
        Map<String, Map<PairedMetric, double[]>> values = new LinkedHashMap<>();
        for (String name : subjects.keySet()) {
            Map<PairedMetric, double[]> perMetric = new EnumMap<>(PairedMetric.class);
            for (PairedMetric metric : PairedMetric.values()) {
                perMetric.put(metric, new double[settings.rounds()]);
            }
            values.put(name, perMetric);
        }
        List<List<String>> order = new ArrayList<>();
        long started = System.nanoTime();
        int every = Math.max(1, settings.rounds() / 4);
        for (int round = 0; round < settings.rounds(); round++) {
            List<Subject> turn = shuffled(subjects.values(), random);
            order.add(turn.stream().map(Subject::name).toList());
            for (Subject subject : turn) {
                Measured run = Measured.classify(runner, timeout, subject, input);
                for (PairedMetric metric : PairedMetric.values()) {
                    values.get(subject.name()).get(metric)[round] = metric.of(run);
                }
            }
            if ((round + 1) % every == 0 && round + 1 < settings.rounds()) {
                double perRound = (System.nanoTime() - started) / 1e9 / (round + 1);
                progress.accept(String.format(java.util.Locale.ROOT, "paired: round %d/%d, ~%.0f s left", round + 1, settings.rounds(),
                        perRound * (settings.rounds() - round - 1)));
            }
        }
        MachineLoad load = MachineLoad.between(before, local ? MachineLoad.Counters.read() : Optional.empty());
        List<PairedResult.Pair> described = pairs.stream().map(p -> new PairedResult.Pair(p.candidate().variant().id(),
                p.candidate().name(), p.candidate().role(), p.reference().name())).toList();
        return new PairedResult(seed, input.name(), described, order, values, builds, load);
    }

    private static List<Subject> shuffled(Iterable<Subject> subjects, SplittableRandom random) {
        List<Subject> order = new ArrayList<>();
        subjects.forEach(order::add);
        for (int i = order.size() - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        return order;
    }
}
