package dev.wasmperf.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How much of the machine went to work that is not the suite's during a campaign: the share of all CPUs' time used
 * by processes outside the suite's own process tree (the test JVM and every run it waited for), and the share the
 * hypervisor stole. Ratios to native cancel a slowdown that hits every variant alike, not a neighbour that competes
 * with a two-core JIT compile harder than with one-core native; this says whether there was one.
 *
 * @param otherProcesses fraction of the machine's CPU time (all cores) used by other processes; NaN if unknown
 * @param stolen         fraction of it the hypervisor stole (steal time in /proc/stat); NaN if unknown
 */
public record MachineLoad(double otherProcesses, double stolen) {

    /** Where /proc is missing, or the runs are not the suite's children (containers run under the Docker daemon). */
    public static final MachineLoad UNKNOWN = new MachineLoad(Double.NaN, Double.NaN);

    public boolean known() {
        return !Double.isNaN(otherProcesses);
    }

    /** "other processes used 0.5% of the machine's CPU time and the hypervisor stole 0.0%", or why it is unknown. */
    public String describe() {
        return known() ? String.format(Locale.ROOT, "other processes used %.1f%% of the machine's CPU time and the hypervisor "
                + "stole %.1f%%", 100 * otherProcesses, 100 * stolen)
                : "CPU used by other processes unknown (no /proc, or runs outside the suite's process tree)";
    }

    /** The share between two readings of the counters. */
    public static MachineLoad between(Optional<Counters> before, Optional<Counters> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return UNKNOWN;
        }
        long total = after.get().total() - before.get().total();
        if (total <= 0) {
            return UNKNOWN;
        }
        long busy = after.get().busy() - before.get().busy();
        long suite = after.get().suite() - before.get().suite();
        // Clock-tick rounding can make the suite's share exceed the machine's by a tick or two.
        double other = Math.max(0, busy - suite) / (double) total;
        double stolen = Math.max(0, after.get().steal() - before.get().steal()) / (double) total;
        return new MachineLoad(other, stolen);
    }

    /**
     * Cumulative CPU counters in clock ticks: all CPUs' time, the busy part of it (user, nice, system, irq, softirq;
     * not idle, iowait or steal), the stolen part, and the suite's own (this process and its waited-for children).
     */
    public record Counters(long total, long busy, long steal, long suite) {

        public static Optional<Counters> read() {
            try {
                return Optional.of(parse(Files.readString(Path.of("/proc/stat")), Files.readString(Path.of("/proc/self/stat"))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // not Linux, or a /proc we do not understand: the report says "unknown"
            }
        }

        /**
         * @param procStat     /proc/stat; its first line is "cpu user nice system idle iowait irq softirq steal ..."
         * @param procSelfStat /proc/self/stat; after the ")" closing the command name, fields 12-15 (1-based from
         *                     the state) are utime, stime, cutime, cstime
         */
        static Counters parse(String procStat, String procSelfStat) {
            String cpu = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no aggregate cpu line in /proc/stat"));
            long[] t = Arrays.stream(cpu.substring(4).trim().split("\\s+")).limit(8).mapToLong(Long::parseLong).toArray();
            if (t.length < 8) {
                throw new IllegalArgumentException("/proc/stat cpu line has no steal field: " + cpu);
            }
            long busy = t[0] + t[1] + t[2] + t[5] + t[6];
            long total = Arrays.stream(t).sum();
            String[] self = procSelfStat.substring(procSelfStat.lastIndexOf(')') + 2).trim().split("\\s+");
            long suite = Long.parseLong(self[11]) + Long.parseLong(self[12]) + Long.parseLong(self[13]) + Long.parseLong(self[14]);
            return new Counters(total, busy, t[7], suite);
        }
    }
}
