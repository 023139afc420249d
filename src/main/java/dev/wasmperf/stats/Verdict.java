package dev.wasmperf.stats;

/** The outcome of comparing one metric of one subject with its reference or with stored values. */
public enum Verdict {
    /** Worse by more than the tolerance, with the whole confidence interval beyond it (exact metrics: the value itself). */
    REGRESSED,
    /** Better by more than the tolerance in the same sense: the reference or the stored values are due for an update. */
    IMPROVED,
    /** Within the tolerance, or a difference the samples cannot separate from noise. */
    UNCHANGED,
    /**
     * Cannot be judged on this basis, with the reason: stored values judged on a machine that measures the unchanged
     * reference build differently than when they were stored. Reported and skipped, never passed as unchanged.
     */
    INCONCLUSIVE
}
