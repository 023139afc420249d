package dev.wasmperf.stats;

/** The outcome of comparing one metric of one variant with its baseline. */
public enum Verdict {
    /** Worse than the baseline by more than the tolerance, and the change is statistically significant. */
    REGRESSED,
    /** Better than the baseline by more than the tolerance, and significant: the baseline is due for an update. */
    IMPROVED,
    /** Within the tolerance, or a change the samples cannot tell apart from noise. */
    UNCHANGED
}
