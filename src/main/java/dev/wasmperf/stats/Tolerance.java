package dev.wasmperf.stats;

import java.util.Objects;

/**
 * How far a metric may move, relative to its baseline, before the move counts (0.10 = 10%), and which way is worse.
 * The change is measured as current / baseline - 1 in both directions, so it reads the same as the "+12.3%" in reports.
 */
public record Tolerance(double relative, Direction direction) {

    public enum Direction {
        /** Times, memory, sizes: a larger value is a regression. */
        LOWER_IS_BETTER,
        /** Throughput: a smaller value is a regression. */
        HIGHER_IS_BETTER
    }

    public Tolerance {
        Objects.requireNonNull(direction, "direction");
        if (!(relative >= 0 && relative < 1)) {
            throw new IllegalArgumentException("A relative tolerance must be in [0, 1) (0.10 means 10%), got " + relative);
        }
    }

    public static Tolerance lowerIsBetter(double relative) {
        return new Tolerance(relative, Direction.LOWER_IS_BETTER);
    }

    public static Tolerance higherIsBetter(double relative) {
        return new Tolerance(relative, Direction.HIGHER_IS_BETTER);
    }

    /** True when ratio = current / baseline is worse than the baseline by more than the tolerance. */
    public boolean isWorseBeyond(double ratio) {
        // Against 1 +- relative rather than ratio - 1 against relative: 1100 / 1000 - 1 is 0.10000000000000009.
        return direction == Direction.LOWER_IS_BETTER ? ratio > 1 + relative : ratio < 1 - relative;
    }

    /** True when ratio = current / baseline is better than the baseline by more than the tolerance. */
    public boolean isBetterBeyond(double ratio) {
        return direction == Direction.LOWER_IS_BETTER ? ratio < 1 - relative : ratio > 1 + relative;
    }

    /** True when the whole interval of current / baseline lies on the worse side of 1 (no change). */
    public boolean isWhollyWorse(ConfidenceInterval ratio) {
        return direction == Direction.LOWER_IS_BETTER ? ratio.isAbove(1) : ratio.isBelow(1);
    }

    /** True when the whole interval of current / baseline lies on the better side of 1 (no change). */
    public boolean isWhollyBetter(ConfidenceInterval ratio) {
        return direction == Direction.LOWER_IS_BETTER ? ratio.isBelow(1) : ratio.isAbove(1);
    }

    /** For example "10%" or "2.5%". */
    @Override
    public String toString() {
        return MedianConfidenceInterval.percent(relative);
    }
}
