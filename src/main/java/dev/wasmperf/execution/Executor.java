package dev.wasmperf.execution;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a classification runs: a local process under GNU time ({@link ProcessRunner}) or a locally built container
 * with pinned CPU and memory ({@code dev.wasmperf.container.ContainerExecutor}). The suite's tests do not know which.
 */
public interface Executor {

    /** @param stdin file fed to the command's standard input, or null for an empty input */
    RunResult run(Command command, Path stdin, Duration timeout);

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
