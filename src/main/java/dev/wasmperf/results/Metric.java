package dev.wasmperf.results;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * What the suite reads out of a result set, and how. A metric is either measured once per round (paired: candidate and
 * reference values of one round belong together) or a deterministic value (counted instructions, sizes), measured
 * outside the rounds. All are lower-is-better.
 */
public enum Metric {
    COLD_START("cold-start", "cold start", "ms", SampleKind.COLD, s -> get(s, Values.WALL_MS)),
    COLD_CACHE_START("cold-cache-start", "cold start, page cache dropped", "ms", SampleKind.COLD_CACHE, s -> get(s, Values.WALL_MS)),
    CPU_TIME("cpu-time", "CPU time (user + system)", "ms", SampleKind.COLD, s -> get(s, Values.USER_MS) + get(s, Values.SYSTEM_MS)),
    COLD_CPU("cold-cpu", "cold-start CPU time (the builds sharing one CPU)", "ms", SampleKind.COLD,
            s -> get(s, Values.SHARED_COLD_CPU_MS)),
    STEADY_INFERENCE("steady-inference", "steady-state inference (fastest of the repeats)", "ms", SampleKind.STEADY,
            s -> get(s, Values.STEADY_BEST_MS)),
    STEADY_CPU("steady-cpu", "steady-state CPU per inference (the builds sharing one CPU)", "ms", SampleKind.STEADY,
            s -> get(s, Values.SHARED_CPU_MS)),
    FIRST_INFERENCE("first-inference", "first inference (in-process)", "ms", SampleKind.COLD, s -> get(s, Values.INFERENCE_MS)),
    OUTSIDE_PROGRAM("outside-program", "outside the program (runtime start-up, compile or load, exit)", "ms", SampleKind.COLD,
            s -> get(s, Values.WALL_MS) - get(s, Values.PROGRAM_MS)),
    MODEL_LOAD("model-load", "model load", "ms", SampleKind.COLD, s -> get(s, Values.MODEL_LOAD_MS)),
    DECODE("decode", "decode", "ms", SampleKind.COLD, s -> get(s, Values.DECODE_MS)),
    PREPROCESS("preprocess", "preprocess", "ms", SampleKind.COLD, s -> get(s, Values.PREPROCESS_MS)),
    PEAK_RSS("peak-rss", "peak RSS", "KiB", SampleKind.COLD, s -> get(s, Values.MAX_RSS_KIB)),
    CONTAINER_PEAK("container-peak", "container memory peak (cgroup, page cache charged to it included)", "KiB", SampleKind.COLD,
            s -> get(s, Values.CONTAINER_PEAK_KIB)),
    MINOR_FAULTS("minor-faults", "minor page faults", "faults", SampleKind.COLD, s -> get(s, Values.MINOR_FAULTS)),
    ANON_AT_PEAK("anon-at-peak", "anonymous memory at the peak", "KiB", SampleKind.MEMORY, s -> get(s, Values.ANON_KIB)),
    FILE_AT_PEAK("file-at-peak", "file-backed memory at the peak", "KiB", SampleKind.MEMORY, s -> get(s, Values.FILE_KIB)),
    AOT_COMPILE("aot-compile", "AOT compile time", "ms", SampleKind.COMPILE, s -> get(s, Values.WALL_MS)),
    INSTRUCTIONS("instructions", "instructions per run (Valgrind)", "instr", SampleKind.COUNT, s -> get(s, Values.INSTRUCTIONS)),
    INSTRUCTIONS_PER_INFERENCE("instructions-per-inference", "instructions per inference (Valgrind)", "instr", SampleKind.COUNT_REPEAT,
            s -> get(s, Values.INSTRUCTIONS)),
    ARTEFACT_SIZE("artefact-size", "artefact size", "bytes", null, s -> Double.NaN),
    /** Only where a runner of the suite's reports it (Node.js, Chicory); the rest of "outside the program" is start-up and exit. */
    RUNNER_MODULE_LOAD("runner-module-load", "module parse, compile and instantiate (the runner's clock)", "ms", SampleKind.COLD,
            s -> get(s, Values.RUNNER_MODULE_LOAD_MS));

    private final String key;
    private final String title;
    private final String unit;
    private final SampleKind kind;
    private final ToDoubleFunction<Sample> read;

    Metric(String key, String title, String unit, SampleKind kind, ToDoubleFunction<Sample> read) {
        this.key = key;
        this.title = title;
        this.unit = unit;
        this.kind = kind;
        this.read = read;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    /** Measured in rounds, so candidate and reference values pair up by round. */
    public boolean perRound() {
        return kind == SampleKind.COLD || kind == SampleKind.STEADY || kind == SampleKind.COMPILE;
    }

    /** Counted or read off a file: no noise, compared value against value. */
    public boolean exact() {
        return this == INSTRUCTIONS || this == INSTRUCTIONS_PER_INFERENCE || this == ARTEFACT_SIZE;
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    /** Per round, this metric's value for a subject (rounds it did not run in are absent), for the per-round metrics. */
    public Map<Integer, Double> byRound(ResultSet result, String subject) {
        Map<Integer, Double> byRound = new TreeMap<>();
        if (perRound()) {
            for (Sample sample : result.samples(subject, kind)) {
                double value = read.applyAsDouble(sample);
                if (Double.isFinite(value)) {
                    byRound.put(sample.round(), value);
                }
            }
        }
        return byRound;
    }

    /**
     * The values of two subjects in the rounds both ran in, in round order ({@code [0]} the first subject's, {@code [1]}
     * the other's): what every per-round ratio is computed from. Empty when they share no round.
     */
    public Optional<double[][]> paired(ResultSet result, String subject, String other) {
        Map<Integer, Double> a = byRound(result, subject);
        Map<Integer, Double> b = byRound(result, other);
        List<Integer> rounds = a.keySet().stream().filter(b::containsKey).sorted().toList();
        if (rounds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new double[][] {rounds.stream().mapToDouble(a::get).toArray(), rounds.stream().mapToDouble(b::get).toArray()});
    }

    /** Every value of this metric for a subject, in measurement order; empty when the run did not measure it. */
    public double[] values(ResultSet result, String subject) {
        if (this == ARTEFACT_SIZE) {
            return result.subject(subject).filter(s -> s.programBytes() > 0).map(s -> new double[] {s.programBytes()})
                    .orElse(new double[0]);
        }
        if (this == INSTRUCTIONS_PER_INFERENCE) {
            // One more inference than the plain count: the difference is one inference's instructions, start-up cancelled.
            double[] once = INSTRUCTIONS.values(result, subject);
            double[] twice = result.samples(subject, kind).stream().mapToDouble(read).toArray();
            int n = Math.min(once.length, twice.length);
            double[] differences = new double[n];
            for (int i = 0; i < n; i++) {
                differences[i] = twice[i] - once[i];
            }
            return differences;
        }
        return result.samples(subject, kind).stream().mapToDouble(read).filter(Double::isFinite).toArray();
    }

    /** The metrics a report shows per variant, in report order. */
    public static List<Metric> all() {
        return List.of(values());
    }

    private static double get(Sample sample, String key) {
        Double value = sample.values().get(key);
        return value == null ? Double.NaN : value;
    }
}
