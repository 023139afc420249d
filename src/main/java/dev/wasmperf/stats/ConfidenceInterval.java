package dev.wasmperf.stats;

/** An interval [lower, upper] meant to contain a parameter with the stated confidence (e.g. 0.95). */
public record ConfidenceInterval(double lower, double upper, double confidence) {

    public ConfidenceInterval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("Confidence interval needs lower <= upper, got [" + lower + ", " + upper + "]");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("Confidence must be strictly between 0 and 1, got " + confidence);
        }
    }

    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /** True when the whole interval lies strictly above the value. */
    public boolean isAbove(double value) {
        return lower > value;
    }

    /** True when the whole interval lies strictly below the value. */
    public boolean isBelow(double value) {
        return upper < value;
    }
}
