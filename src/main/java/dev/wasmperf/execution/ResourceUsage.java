package dev.wasmperf.execution;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the launcher measured for one process: wall time from its exec to its exit, CPU time in user and kernel mode
 * (wait4, microseconds), the peak resident set, page faults and context switches. Measured outside the JVM, so the
 * figures are the process's own.
 *
 * @param memoryAtPeak    how the largest sampled resident set was split (only in runs that sample memory)
 * @param containerPeakKib the container's cgroup memory peak (container backend only): what its limit is enforced on,
 *                         page cache charged to the container included, so it depends on which earlier container first read
 *                         a file; reported beside the process's own peak, which the verdict uses
 */
public record ResourceUsage(Duration wall, Duration user, Duration system, long maxRssKib, long minorFaults, long majorFaults,
                            long voluntarySwitches, long involuntarySwitches, Optional<MemorySplit> memoryAtPeak,
                            OptionalLong containerPeakKib) {

    public ResourceUsage(Duration wall, Duration user, Duration system, long maxRssKib, long minorFaults, long majorFaults,
                         long voluntarySwitches, long involuntarySwitches, Optional<MemorySplit> memoryAtPeak) {
        this(wall, user, system, maxRssKib, minorFaults, majorFaults, voluntarySwitches, involuntarySwitches, memoryAtPeak,
                OptionalLong.empty());
    }

    /** A resident set split into anonymous, file-backed and shared memory, from /proc/&lt;pid&gt;/status. */
    public record MemorySplit(long rssKib, long anonKib, long fileKib, long shmemKib, int samples) {
    }

    /** Wall time and memory only (GNU time's figures in the cross-check). */
    public static ResourceUsage of(Duration wall, Duration user, Duration system, long maxRssKib) {
        return new ResourceUsage(wall, user, system, maxRssKib, 0, 0, 0, 0, Optional.empty());
    }

    /** The same usage with the container's cgroup memory peak beside the process's own. */
    public ResourceUsage withContainerPeak(long kib) {
        return new ResourceUsage(wall, user, system, maxRssKib, minorFaults, majorFaults, voluntarySwitches, involuntarySwitches,
                memoryAtPeak, OptionalLong.of(kib));
    }

    public Duration cpu() {
        return user.plus(system);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "wall %.3f s, user %.3f s, sys %.3f s, max RSS %,d KiB", wall.toNanos() / 1e9,
                user.toNanos() / 1e9, system.toNanos() / 1e9, maxRssKib);
    }
}
