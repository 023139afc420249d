package dev.wasmperf.measure;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a paired campaign measured, as plain data that a comparison can judge without the campaign (and that can be
 * saved and judged again later): every run's metrics in round order, and the order the subjects ran in each round.
 *
 * @param seed   the seed of the within-round order, so a run can be repeated in the same order
 * @param order  per round, the subject names in the order they ran
 * @param values per subject name, per metric, one value per round
 * @param builds per build role, what that build is (for example "commit 1a2b3c4 of src/classifier, wasmtime 49.0.2")
 */
public record PairedResult(long seed, String input, List<Pair> pairs, List<List<String>> order,
                           Map<String, Map<PairedMetric, double[]>> values, Map<BuildRole, String> builds, MachineLoad machineLoad) {

    /** One comparison: a candidate subject judged against a reference subject of the same variant. */
    public record Pair(String variant, String candidate, BuildRole candidateRole, String reference) {
    }

    public PairedResult {
        pairs = List.copyOf(pairs);
        order = order.stream().map(List::copyOf).toList();
        values = Map.copyOf(values);
        builds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(builds)); // enum order: reports read the same each time
    }

    public int rounds() {
        return order.size();
    }

    public Optional<double[]> values(String subject, PairedMetric metric) {
        return Optional.ofNullable(values.get(subject)).map(m -> m.get(metric)).map(double[]::clone);
    }
}
