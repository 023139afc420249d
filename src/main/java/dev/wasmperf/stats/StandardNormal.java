package dev.wasmperf.stats;

/** Tail probabilities of the standard normal distribution, for the large-sample approximations. */
final class StandardNormal {

    private StandardNormal() {
    }

    /** P(|Z| >= |z|) = erfc(|z| / sqrt 2). */
    static double twoSidedPValue(double z) {
        return Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /**
     * Complementary error function, Chebyshev fit from Numerical Recipes (erfcc): relative error below 1.2e-7
     * everywhere, far finer than any p-value decision here needs.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }

    /** The z with P(Z <= z) = p, by bisection on erfc: exact to 1e-10, plenty for critical values. */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("A normal quantile needs 0 < p < 1, got " + p);
        }
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-10; i++) {
            double mid = (lo + hi) / 2;
            if (0.5 * erfc(-mid / Math.sqrt(2)) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
