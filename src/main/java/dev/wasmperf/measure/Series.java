package dev.wasmperf.measure;

import java.util.Arrays;

/**
 * The samples of one metric for one subject, in measurement order, and where a native reference ran in the same
 * rounds, the per-round ratio to it (1.25 = 25% slower than native in that round).
 */
public record Series(String subject, Metric metric, double[] values, double[] ratiosToNative) {

    public Series {
        values = values.clone();
        ratiosToNative = ratiosToNative.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] ratiosToNative() {
        return ratiosToNative.clone();
    }

    public boolean hasRatios() {
        return ratiosToNative.length > 0;
    }

    @Override
    public String toString() {
        return subject + " " + metric.key() + " " + Arrays.toString(values);
    }
}
