package dev.wasmperf.report;

import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.Series;
import dev.wasmperf.stats.ConfidenceInterval;
import dev.wasmperf.stats.MedianConfidenceInterval;
import dev.wasmperf.stats.Samples;

import java.util.Optional;

/**
 * The numbers a report prints for one series: median, robust spread, interval of the median, and the same for the
 * per-round ratio to native. Intervals are absent where there are too few samples for an exact 95% interval.
 */
public record Summary(String subject, Metric metric, int n, double median, double mad, Optional<ConfidenceInterval> ci,
                      Optional<Double> ratioMedian, Optional<ConfidenceInterval> ratioCi) {

    public static Summary of(Series series) {
        Samples samples = Samples.of(series.metric().unit(), series.values());
        Optional<Double> ratio = Optional.empty();
        Optional<ConfidenceInterval> ratioCi = Optional.empty();
        if (series.hasRatios()) {
            Samples ratios = Samples.of("x native", series.ratiosToNative());
            ratio = Optional.of(ratios.median());
            ratioCi = interval(ratios);
        }
        return new Summary(series.subject(), series.metric(), samples.n(), samples.median(), samples.scaledMad(),
                interval(samples), ratio, ratioCi);
    }

    private static Optional<ConfidenceInterval> interval(Samples samples) {
        return samples.n() >= MedianConfidenceInterval.minimumSampleSize(MedianConfidenceInterval.DEFAULT_CONFIDENCE)
                ? Optional.of(MedianConfidenceInterval.of(samples))
                : Optional.empty();
    }

    /** Spread as a share of the median: the report's noise figure. */
    public double relativeSpread() {
        return median == 0 ? 0 : mad / median;
    }
}
