package dev.wasmperf.results;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One measured run, as recorded: its place in the measurement order, the round it belongs to, whose run it was and what
 * was measured. Values are keyed by {@link Values} names.
 *
 * @param seq     position in the measurement order of the whole result set, from 0
 * @param round   the campaign round, from 0; -1 for runs outside the rounds (memory, counts)
 * @param subject the subject's key (see {@link SubjectInfo#key()})
 * @param series  per-iteration values where a run has several (the repeated inferences of a steady run), in order
 */
public record Sample(int seq, int round, String subject, SampleKind kind, Map<String, Double> values, Map<String, List<Double>> series) {

    public Sample {
        values = Map.copyOf(values);
        series = series == null ? Map.of() : Map.copyOf(series);
    }

    public Optional<Double> value(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
