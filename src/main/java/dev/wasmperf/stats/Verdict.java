package dev.wasmperf.stats;

/** The outcome of comparing one metric of one variant with its baseline. */
public enum Verdict {
    /** Worse than the baseline by more than the tolerance, and the change is statistically significant. */
    REGRESSED,
    /** Better than the baseline by more than the tolerance, and significant: the baseline is due for an update. */
    IMPROVED,
    /** Within the tolerance, or a change the samples cannot tell apart from noise. */
    UNCHANGED,
    /**
     * A timing flagged while other processes kept the machine busy, in every campaign that measured it: the ratios
     * to native cannot separate a regression from a neighbour then (a one-core busy loop moved the JIT ratios by
     * +25..+34%). Reported with the reason and skipped, never passed as unchanged.
     */
    INCONCLUSIVE
}
