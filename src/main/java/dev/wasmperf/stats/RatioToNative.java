package dev.wasmperf.stats;

import java.util.Locale;

/**
 * A variant's cost relative to native, from round-robin measurement: in each round every variant runs once, and the
 * variant's value is divided by native's value from the same round. Drift on a shared machine (another build
 * starting, thermal throttling) then hits numerator and denominator alike and cancels out of the ratio, which makes
 * these per-round ratios the primary input for timing verdicts: compare {@link #ratios()} with the baseline's
 * ratios using {@link VerdictRule#compare}.
 *
 * <p>The price: a ratio carries the independent noise of both runs (about sqrt 2 times either). With 5% noise per run
 * and no drift, 20 rounds catch a 10% slowdown against a 5% tolerance in only ~69% of cases (raw times: 97%), so
 * ratios pay off only where round-to-round drift is larger than that; otherwise use more rounds or a wider tolerance.
 *
 * @param ratios    per-round variant / native, unit "x native"
 * @param medianCi  exact distribution-free interval of the median ratio
 */
public record RatioToNative(Samples ratios, ConfidenceInterval medianCi) {

    public static final String UNIT = "x native";

    /** variant[i] and nativeValues[i] must come from the same round i. */
    public static RatioToNative fromRounds(double[] variant, double[] nativeValues, double confidence) {
        if (variant.length != nativeValues.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Round-robin ratios need one variant and one "
                    + "native value per round, got %d variant and %d native values. A round where either failed must be "
                    + "dropped for both.", variant.length, nativeValues.length));
        }
        double[] ratios = new double[variant.length];
        for (int i = 0; i < variant.length; i++) {
            if (!(nativeValues[i] > 0)) {
                throw new IllegalArgumentException("Native value of round " + (i + 1) + " is " + nativeValues[i]
                        + "; a ratio to native needs a positive native measurement");
            }
            ratios[i] = variant[i] / nativeValues[i];
        }
        Samples samples = Samples.of(UNIT, ratios);
        return new RatioToNative(samples, MedianConfidenceInterval.of(samples, confidence));
    }

    public static RatioToNative fromRounds(double[] variant, double[] nativeValues) {
        return fromRounds(variant, nativeValues, MedianConfidenceInterval.DEFAULT_CONFIDENCE);
    }

    public double median() {
        return ratios.median();
    }
}
