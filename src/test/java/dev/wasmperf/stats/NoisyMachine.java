package dev.wasmperf.stats;

import java.util.SplittableRandom;

/**
 * Synthetic measurements that look like ours on a busy shared 2-core machine: lognormal run-to-run noise of about 5%
 * around the true median, plus an occasional run 30% slower (another build stealing the CPU) with 5% probability.
 */
record NoisyMachine(double noise, double outlierProbability, double outlierFactor) {

    static final NoisyMachine SHARED_CI_RUNNER = new NoisyMachine(0.05, 0.05, 1.30);

    /** Times (or RSS): the noise and the outliers make values larger. */
    Samples measure(String unit, double median, int n, SplittableRandom random) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * slowdown(random);
        }
        return Samples.of(unit, values);
    }

    /** Rates (runs per second): the same disturbances, seen as a rate, make values smaller. */
    Samples measureRate(String unit, double median, int n, SplittableRandom random) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median / slowdown(random);
        }
        return Samples.of(unit, values);
    }

    private double slowdown(SplittableRandom random) {
        double factor = Math.exp(noise * random.nextGaussian());
        return random.nextDouble() < outlierProbability ? factor * outlierFactor : factor;
    }
}
