package dev.wasmperf.report;

import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.stats.ConfidenceInterval;
import dev.wasmperf.stats.Effect;
import dev.wasmperf.stats.MedianConfidenceInterval;
import dev.wasmperf.stats.Samples;
import dev.wasmperf.stats.PairedMedian;

import java.util.Optional;

/**
 * The numbers a report prints for one metric of one subject: median, robust spread (scaled MAD), the exact interval of
 * the median, and the ratio to another subject of the same rounds (native, or the JIT variant of the runtime) as a
 * median of the per-round ratios with its sign-test interval (stats.PairedMedian).
 */
public record SubjectSummary(String subject, Metric metric, int n, double median, double spread, Optional<ConfidenceInterval> ci,
                             Optional<Effect> ratio) {

    public static Optional<SubjectSummary> of(ResultSet result, String subject, Metric metric, Optional<String> relativeTo) {
        double[] values = metric.values(result, subject);
        if (values.length == 0) {
            return Optional.empty();
        }
        Samples samples = Samples.of(metric.unit(), values);
        Optional<ConfidenceInterval> ci = samples.n() >= MedianConfidenceInterval.minimumSampleSize(MedianConfidenceInterval.DEFAULT_CONFIDENCE)
                ? Optional.of(MedianConfidenceInterval.of(samples)) : Optional.empty();
        return Optional.of(new SubjectSummary(subject, metric, samples.n(), samples.median(), samples.scaledMad(), ci,
                relativeTo.filter(other -> !other.equals(subject)).flatMap(other -> ratio(result, metric, subject, other))));
    }

    /** subject / other, per round where both ran in the same rounds, else the ratio of the values (exact metrics). */
    static Optional<Effect> ratio(ResultSet result, Metric metric, String subject, String other) {
        if (!metric.perRound()) {
            double[] a = metric.values(result, subject);
            double[] b = metric.values(result, other);
            if (a.length == 0 || b.length == 0) {
                return Optional.empty();
            }
            double bm = Samples.of(metric.unit(), b).median();
            return bm > 0 ? Optional.of(Effect.exact(Samples.of(metric.unit(), a).median(), bm, "ratio of the values")) : Optional.empty();
        }
        Optional<double[][]> rounds = metric.paired(result, subject, other);
        if (rounds.isEmpty() || rounds.get()[0].length < 6) {
            return Optional.empty();
        }
        double[] x = rounds.get()[0];
        double[] y = rounds.get()[1];
        if (java.util.Arrays.stream(x).anyMatch(v -> v <= 0) || java.util.Arrays.stream(y).anyMatch(v -> v <= 0)) {
            return Optional.empty();
        }
        return Optional.of(PairedMedian.paired(x, y, MedianConfidenceInterval.DEFAULT_CONFIDENCE));
    }
}
