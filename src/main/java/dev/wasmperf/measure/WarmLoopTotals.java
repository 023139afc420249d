package dev.wasmperf.measure;

/** The seed report's warm-loop row: totals over all iterations of one subject. */
public record WarmLoopTotals(String subject, int iterations, double realSeconds, double userSeconds, double systemSeconds) {
}
