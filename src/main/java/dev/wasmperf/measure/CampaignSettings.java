package dev.wasmperf.measure;

import dev.wasmperf.config.SuiteConfig;

import java.util.Map;
import java.util.OptionalLong;
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
 * @param parallelCounts Valgrind runs at a time: instruction counts do not depend on what else runs
 * @param freshPages  steady runs drop their artefact from the page cache first (suite.properties says why)
 */
public record CampaignSettings(String input, int warmupRounds, int rounds, int maxRounds, int repeat, int maxRepeat, int steadyMillis,
                               int steadyPasses, int sharedMillis, boolean freshPages, OptionalLong seed,
                               int compileRounds, boolean countInstructions, int parallelCounts, boolean sampleMemory,
                               boolean coldCache) {

    public static CampaignSettings from(SuiteConfig config) {
        OptionalLong seed = config.find("perf.seed").filter(s -> !s.isBlank())
                .map(s -> OptionalLong.of(Long.parseLong(s.strip()))).orElse(OptionalLong.empty());
        int rounds = config.integer("perf.rounds", 6);
        return new CampaignSettings(config.string("perf.input"), config.integer("perf.warmup.rounds", 0), rounds,
                Math.max(rounds, config.integer("perf.rounds.max", 6)), config.integer("perf.repeat", 1),
                config.integer("perf.repeat.max", 1), config.integer("perf.steady.millis", 1), config.integer("perf.steady.passes", 1),
                config.integer("perf.steady.shared.millis", 0),
                config.flag("perf.steady.freshPages"), seed,
                config.integer("perf.compile.rounds", 0), config.flag("perf.instructions"), config.integer("perf.instructions.parallel", 1),
                config.flag("perf.memory.sample"), config.flag("perf.coldCache"));
    }

    /** Repeats for a variant whose first inference took {@code inferenceMs}: about steadyMillis of them, within the bounds. */
    public int repeatsFor(double inferenceMs) {
        return (int) Math.max(repeat, Math.min(maxRepeat, Math.ceil(steadyMillis / Math.max(inferenceMs, 0.1))));
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
        out.put("seed", Long.toString(actualSeed));
        out.put("compile_rounds", Integer.toString(compileRounds));
        out.put("instructions", Boolean.toString(countInstructions));
        return out;
    }
}
