package dev.wasmperf.baseline;

/**
 * One variant x metric of a baseline: summary statistics for people reading the diff, and the samples themselves
 * for the significance test of the next run.
 *
 * @param ratioSamples per-round ratios to native (timings of WebAssembly variants), empty otherwise
 */
public record MetricBaseline(String unit, double median, double mad, int n, double tolerance, double[] samples, double[] ratioSamples) {

    public MetricBaseline {
        samples = samples.clone();
        ratioSamples = ratioSamples == null ? new double[0] : ratioSamples.clone();
    }
}
