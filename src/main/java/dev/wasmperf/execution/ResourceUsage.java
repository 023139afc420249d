package dev.wasmperf.execution;

import java.time.Duration;

/**
 * What GNU time measured for one process: wall-clock time, CPU time in user and kernel mode,
 * and the peak resident set size. Measured by GNU time, not the JVM, so the RSS is the classifier's.
 */
public record ResourceUsage(Duration wall, Duration user, Duration system, long maxRssKib) {

    @Override
    public String toString() {
        return String.format("wall %.2f s, user %.2f s, sys %.2f s, max RSS %,d KiB",
                wall.toNanos() / 1e9, user.toNanos() / 1e9, system.toNanos() / 1e9, maxRssKib);
    }
}
