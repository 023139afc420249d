package dev.wasmperf.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Measurements of one metric (for example cold-start wall times in ms), kept as an immutable sorted copy.
 * Order statistics are what every robust summary here needs, so the values are sorted once, on creation.
 */
public final class Samples {

    /** Makes the MAD a consistent estimator of the standard deviation when the data are normal (1 / Phi^-1(3/4)). */
    public static final double MAD_NORMAL_SCALE = 1.4826;

    private final String unit;
    private final double[] sorted;

    private Samples(String unit, double[] sorted) {
        this.unit = unit;
        this.sorted = sorted;
    }

    /** Copies and sorts the values; rejects an empty set and any value that is not a finite number. */
    public static Samples of(String unit, double... values) {
        Objects.requireNonNull(unit, "unit");
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("No samples of '" + unit + "' were given; a summary needs at least one "
                    + "measurement. Check that the measurement ran and was not discarded entirely as warm-up.");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Sample " + (i + 1) + " of " + values.length + " (" + unit + ") is "
                        + values[i] + "; every sample must be a finite number. A NaN or infinity usually means a "
                        + "measurement failed to parse or divided by zero: " + Arrays.toString(values));
            }
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new Samples(unit, copy);
    }

    public static Samples of(String unit, List<? extends Number> values) {
        Objects.requireNonNull(values, "values");
        return of(unit, values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public String unit() {
        return unit;
    }

    public int n() {
        return sorted.length;
    }

    /** The values in ascending order (a copy). */
    public double[] values() {
        return sorted.clone();
    }

    /** The k-th smallest value, 1-based as order statistics are usually written: X(1) = min, X(n) = max. */
    public double orderStatistic(int k) {
        if (k < 1 || k > sorted.length) {
            throw new IllegalArgumentException("Order statistic X(" + k + ") does not exist for n=" + sorted.length);
        }
        return sorted[k - 1];
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return sum / sorted.length;
    }

    public double median() {
        return quantile(0.5);
    }

    /**
     * Hyndman-Fan type 7 quantile (the default of R and NumPy): linear interpolation between the order
     * statistics around (n - 1) p, so quantile(0) = min, quantile(1) = max.
     */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Quantile probability must be in [0, 1], got " + p);
        }
        return quantileOfSorted(sorted, p);
    }

    /** Interquartile range, Q3 - Q1, both type 7. */
    public double iqr() {
        return quantile(0.75) - quantile(0.25);
    }

    /** Raw median absolute deviation: median(|x - median|), not scaled. */
    public double mad() {
        double median = median();
        double[] deviations = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            deviations[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(deviations);
        return quantileOfSorted(deviations, 0.5);
    }

    /** MAD x 1.4826: comparable to a standard deviation, yet barely moved by a few outliers. */
    public double scaledMad() {
        return MAD_NORMAL_SCALE * mad();
    }

    static double quantileOfSorted(double[] ascending, double p) {
        double h = (ascending.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= ascending.length - 1) {
            return ascending[ascending.length - 1];
        }
        return ascending[lo] + (h - lo) * (ascending[lo + 1] - ascending[lo]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Samples other && unit.equals(other.unit) && Arrays.equals(sorted, other.sorted);
    }

    @Override
    public int hashCode() {
        return 31 * unit.hashCode() + Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n=%d median=%s %s (MAD x1.4826 %s, min %s, max %s)", n(), median(), unit,
                scaledMad(), min(), max());
    }
}
