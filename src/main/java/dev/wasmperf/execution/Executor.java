package dev.wasmperf.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where a classification runs: a local process started by the launcher ({@link Launcher}) or a locally built container
 * with pinned CPU and memory ({@code dev.wasmperf.container.ContainerExecutor}). The suite's tests do not know which.
 */
public interface Executor {

    /** @param stdin file fed to the command's standard input, or null for an empty input */
    RunResult run(Command command, Path stdin, Duration timeout);

    /**
     * As {@link #run}, with the process killed (signal 9, and a line on stderr saying why) once its resident set passes
     * {@code maxRssKib}: for inputs that may try to take the machine's memory. Backends that cannot watch it run uncapped
     * (a container has its own memory limit).
     */
    default RunResult runCapped(Command command, Path stdin, Duration timeout, long maxRssKib) {
        return run(command, stdin, timeout);
    }

    /**
     * As {@link #run}, with the process's resident memory sampled while it runs, so the largest resident set can be split
     * into anonymous and file-backed memory. Sampling costs CPU: such a run is not timed for a verdict.
     */
    default RunResult runSamplingMemory(Command command, Path stdin, Duration timeout) {
        return run(command, stdin, timeout);
    }

    /**
     * As {@link #run}, after dropping these files from the page cache, so that the command maps them onto new physical
     * pages (see src/launcher/main.go, --drop-pages). Only where {@link #dropsPages()}.
     */
    default RunResult runOnFreshPages(Command command, Path stdin, Duration timeout, List<Path> files) {
        throw new UnsupportedOperationException("The " + name() + " backend cannot drop files from the page cache");
    }

    /** A command to start, and the files to drop from the page cache before it starts (may be none). */
    record Start(Command command, List<Path> dropPages) {
        public Start {
            dropPages = List.copyOf(dropPages);
        }
    }

    /**
     * Starts the commands together, all pinned to the same CPU, and waits for all: they take turns on it in the
     * scheduler's slices of a few milliseconds, so each sees the same mix of the CPU's fast and slow moments, and the ratio
     * of their CPU times keeps only the difference between the commands. Only where {@link #sharesCpu()}.
     */
    default List<RunResult> runSharingCpu(List<Start> starts, Path stdin, Duration timeout, int cpu) {
        throw new UnsupportedOperationException("The " + name() + " backend cannot run commands sharing one CPU");
    }

    /** Whether {@link #runSharingCpu} works here. */
    default boolean sharesCpu() {
        return false;
    }

    /** The CPU numbers {@link #runSharingCpu} may pin to. */
    default List<Integer> cpus() {
        return List.of();
    }

    /** Whether {@link #runOnFreshPages} works here. */
    default boolean dropsPages() {
        return false;
    }

    /**
     * Checks, before any test runs it, that this backend can start the command at all (the container backend builds
     * its image and checks the files are in it); throws with the cause and the fix when not.
     */
    default void check(Command command, Duration timeout) {
    }

    /** Short name for reports and test parameters ("local", "containers"). */
    String name();

    /**
     * Whether the runs are this JVM's own child processes, so their CPU time counts as the suite's in
     * /proc/self/stat (containers run under the Docker daemon instead).
     */
    default boolean runsAsChildren() {
        return false;
    }
}
