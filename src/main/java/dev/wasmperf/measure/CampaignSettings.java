package dev.wasmperf.measure;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.matrix.Variant;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * How much a performance run measures (suite.properties, "Performance"). Each is explained where it is set.
 *
 * @param seed        the within-round order's seed; empty: a new one per run, recorded in the result set
 * @param maxRounds   rounds a pair may get in all when its first verdict was undecided (see judge.Judge)
 * @param repeat      inferences a steady run repeats after the first, at least; more for fast variants, so that every
 *                    steady run spends about {@code steadyMillis} in inference (at most {@code maxRepeat})
 * @param steadyPasses steady runs per build and round, interleaved with the other builds of the variant (JIT: one run
 *                    with as many repeats in all)
 * @param sharedMillis about how long, in inference, each build runs in the steady run all builds of a variant share one
 *                    CPU in (0: no such run)
 * @param sharedCold  once per round, the cold runs of a variant's builds also run at the same time on one CPU (their CPU
 *                    time is the cold-cpu metric)
 * @param parallelCounts Valgrind runs at a time: instruction counts do not depend on what else runs
 * @param freshPages  steady runs drop their artefact from the page cache first (suite.properties says why)
 * @param fewerRounds variants slower than the rounds can afford: the rounds they take part in (perf.rounds.&lt;group&gt;)
 * @param fewerRepeats the same variants' smallest steady repeat count (perf.repeat.&lt;group&gt;)
 * @param uncounted   variants whose instruction count Valgrind would take minutes for (perf.instructions.&lt;group&gt;=false)
 * @param unsharedCold variants whose cold runs skip the shared-CPU run (perf.cold.shared.&lt;group&gt;=false): its metric is
 *                    not judged for them, and it is their most expensive run
 */
public record CampaignSettings(String input, int warmupRounds, int rounds, int maxRounds, int repeat, int maxRepeat, int steadyMillis,
                               int steadyPasses, int sharedMillis, boolean sharedCold, boolean freshPages, OptionalLong seed,
                               int compileRounds, boolean countInstructions, int parallelCounts, boolean sampleMemory,
                               boolean coldCache, Map<Variant, Integer> fewerRounds, Map<Variant, Integer> fewerRepeats,
                               Set<Variant> uncounted, Set<Variant> unsharedCold) {

    public CampaignSettings {
        fewerRounds = Map.copyOf(fewerRounds);
        fewerRepeats = Map.copyOf(fewerRepeats);
        uncounted = Set.copyOf(uncounted);
        unsharedCold = Set.copyOf(unsharedCold);
    }

    public static CampaignSettings from(SuiteConfig config) {
        OptionalLong seed = config.find("perf.seed").filter(s -> !s.isBlank())
                .map(s -> OptionalLong.of(Long.parseLong(s.strip()))).orElse(OptionalLong.empty());
        int rounds = config.integer("perf.rounds", 6);
        return new CampaignSettings(config.string("perf.input"), config.integer("perf.warmup.rounds", 0), rounds,
                Math.max(rounds, config.integer("perf.rounds.max", 6)), config.integer("perf.repeat", 1),
                config.integer("perf.repeat.max", 1), config.integer("perf.steady.millis", 1), config.integer("perf.steady.passes", 1),
                config.integer("perf.steady.shared.millis", 0), config.flag("perf.cold.shared"),
                config.flag("perf.steady.freshPages"), seed,
                config.integer("perf.compile.rounds", 0), config.flag("perf.instructions"), config.integer("perf.instructions.parallel", 1),
                config.flag("perf.memory.sample"), config.flag("perf.coldCache"),
                perVariant(config, "perf.rounds", key -> config.integer(key, 1)), perVariant(config, "perf.repeat", key -> config.integer(key, 1)),
                uncounted(config), opted(config, "perf.cold.shared"));
    }

    /**
     * Overrides of a setting for some variants: {@code <key>.<group>}, where the group is a variant's name, its compiler, its
     * runtime or its mode ({@code perf.rounds.interp=6}); the most specific one set wins.
     */
    private static <T> Map<Variant, T> perVariant(SuiteConfig config, String key, java.util.function.Function<String, T> read) {
        Map<Variant, T> out = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            groupKey(config, key, variant).ifPresent(k -> out.put(variant, read.apply(k)));
        }
        return out;
    }

    private static Optional<String> groupKey(SuiteConfig config, String key, Variant variant) {
        return config.groupKey(key, variant.groups());
    }

    private static Set<Variant> uncounted(SuiteConfig config) {
        return opted(config, "perf.instructions");
    }

    /** The variants whose group turns a flag off ({@code <key>.<group>=false}). */
    private static Set<Variant> opted(SuiteConfig config, String key) {
        Set<Variant> out = EnumSet.noneOf(Variant.class);
        perVariant(config, key, config::flag).forEach((variant, on) -> {
            if (!on) {
                out.add(variant);
            }
        });
        return out;
    }

    /** Whether a variant's cold runs also run together on one CPU: asked for, and the variant does not opt out. */
    public boolean sharesCold(Variant variant) {
        return sharedCold && !unsharedCold.contains(variant);
    }

    /** The rounds (after the warm-up) a variant takes part in: all of them, or fewer where it declares fewer. */
    public int roundsFor(Variant variant) {
        return fewerRounds.getOrDefault(variant, Integer.MAX_VALUE);
    }

    /** Whether a variant's instructions are counted: asked for, and the variant does not opt out. */
    public boolean counts(Variant variant) {
        return countInstructions && !uncounted.contains(variant);
    }

    /**
     * Repeats for a variant whose first inference took {@code inferenceMs}: about steadyMillis of them, within the bounds
     * (a variant that declares a smaller least count, perf.repeat.&lt;group&gt;, has that one).
     */
    public int repeatsFor(Variant variant, double inferenceMs) {
        int least = fewerRepeats.getOrDefault(variant, repeat);
        return (int) Math.max(least, Math.min(maxRepeat, Math.ceil(steadyMillis / Math.max(inferenceMs, 0.1))));
    }

    /** What a result set records of them. */
    public Map<String, String> describe(long actualSeed) {
        Map<String, String> out = new TreeMap<>();
        out.put("input", input);
        out.put("warmup_rounds", Integer.toString(warmupRounds));
        out.put("rounds", Integer.toString(rounds));
        out.put("max_rounds", Integer.toString(maxRounds));
        out.put("repeat", Integer.toString(repeat));
        out.put("steady_millis", Integer.toString(steadyMillis));
        out.put("steady_passes", Integer.toString(steadyPasses));
        out.put("steady_shared_millis", Integer.toString(sharedMillis));
        out.put("cold_shared", Boolean.toString(sharedCold));
        out.put("seed", Long.toString(actualSeed));
        out.put("compile_rounds", Integer.toString(compileRounds));
        out.put("instructions", Boolean.toString(countInstructions));
        fewerRounds.forEach((variant, n) -> out.put("rounds." + variant.id(), Integer.toString(Math.min(n, rounds))));
        uncounted.forEach(variant -> out.put("instructions." + variant.id(), "false"));
        return out;
    }
}
