/**
 * Statistics and baseline comparison: pure functions of samples, with no I/O, clocks or global randomness (the
 * bootstrap takes a seeded {@link java.util.SplittableRandom}), so the same samples always give the same verdict.
 *
 * <p>{@link dev.wasmperf.stats.Samples} summarises one metric robustly (median, MAD, IQR);
 * {@link dev.wasmperf.stats.MedianConfidenceInterval} bounds a median exactly and a ratio of medians by bootstrap;
 * {@link dev.wasmperf.stats.MannWhitney} tests whether two sets of samples differ;
 * {@link dev.wasmperf.stats.RatioToNative} turns round-robin rounds into per-round ratios to native; and
 * {@link dev.wasmperf.stats.VerdictRule} combines them with a {@link dev.wasmperf.stats.Tolerance} into a
 * {@link dev.wasmperf.stats.Comparison} and its {@link dev.wasmperf.stats.Verdict}.
 */
package dev.wasmperf.stats;
