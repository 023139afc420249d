package dev.wasmperf.hostile;

import java.util.function.Predicate;

/**
 * Makes a failing image smaller while it still fails the same way: removes halves, then quarters, and so on, keeping
 * each removal after which the failure remains (a simple delta debugging), within a budget of runs.
 */
final class Shrinker {

    private Shrinker() {
    }

    static byte[] shrink(byte[] image, Predicate<byte[]> stillFails, int runs) {
        byte[] smallest = image;
        int budget = runs;
        for (int chunk = smallest.length / 2; chunk >= 1 && budget > 0; chunk /= 2) {
            for (int at = 0; at + chunk <= smallest.length && budget > 0; ) {
                byte[] candidate = MutationCampaign.splice(smallest, at, chunk, new byte[0]);
                budget--;
                if (candidate.length > 0 && stillFails.test(candidate)) {
                    smallest = candidate;
                } else {
                    at += chunk;
                }
            }
        }
        return smallest;
    }
}
