package dev.wasmperf.execution;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs every process of the suite locally through wps-launch (src/launcher): the launcher starts the command, times it
 * from its exec to its exit and reports CPU time, peak RSS, faults and context switches from wait4. The JVM's own
 * process spawn and reaping stay outside the figures, and so does its RSS high-water mark, which Linux can carry into a
 * child exec'd straight from a large process.
 */
public final class Launcher implements Executor {

    /** How long the JVM waits beyond the launcher's own timeout before it kills the launcher itself. */
    private static final Duration GRACE = Duration.ofSeconds(15);
    /** Sampling interval of the memory-split runs. */
    private static final int MEMORY_SAMPLE_US = 500;

    private final Path binary;

    public Launcher(Path binary) {
        this.binary = binary;
    }

    public Path binary() {
        return binary;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean runsAsChildren() {
        return true;
    }

    @Override
    public RunResult run(Command command, Path stdin, Duration timeout) {
        return launch(command, stdin, timeout, false, List.of());
    }

    @Override
    public RunResult runSamplingMemory(Command command, Path stdin, Duration timeout) {
        return launch(command, stdin, timeout, true, List.of());
    }

    @Override
    public RunResult runOnFreshPages(Command command, Path stdin, Duration timeout, List<Path> files) {
        return launch(command, stdin, timeout, false, files);
    }

    @Override
    public boolean dropsPages() {
        return true;
    }

    private RunResult launch(Command command, Path stdin, Duration timeout, boolean sampleMemory, List<Path> dropPages) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("The launcher was expected at " + binary + " but is not there (or not executable). "
                    + "It starts and measures every process of the suite. Build it with 'bash src/launcher/build.sh' "
                    + "(mvn verify does, at generate-resources; it needs Go, which 'bash ci/setup.sh' installs).");
        }
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "--stdin", stdin == null ? "/dev/null" : stdin.toString(),
                "--timeout-ms", Long.toString(timeout.toMillis())));
        if (sampleMemory) {
            argv.addAll(List.of("--sample-memory-us", Integer.toString(MEMORY_SAMPLE_US)));
        }
        dropPages.forEach(file -> argv.addAll(List.of("--drop-pages", file.toAbsolutePath().toString())));
        argv.add("--");
        argv.addAll(command.argv());
        Path report = null;
        try {
            report = Files.createTempFile("wps-launch-", ".json");
            ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(report.toFile()).redirectErrorStream(true);
            builder.environment().putAll(command.environment());
            Process process = builder.start();
            if (!process.waitFor(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("The launcher did not return within " + timeout.plus(GRACE).toSeconds() + " s running "
                        + command.display() + " (its own timeout is " + timeout.toSeconds() + " s); it was killed. Is " + binary
                        + " a current build of src/launcher?");
            }
            String output = read(report);
            JsonNode json = LaunchReport.parse(output).orElseThrow(() -> new IllegalStateException("The launcher " + binary
                    + " printed no result line for " + command.display() + " (exit code " + process.exitValue() + "): " + output
                    + "\nRebuild it with 'bash src/launcher/build.sh'."));
            return LaunchReport.toResult(command, json, timeout);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.display() + " through " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + command.display() + " ran", e);
        } finally {
            if (report != null) {
                try {
                    Files.deleteIfExists(report);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // The launcher caps the captured stdout and stderr at 1 MiB each; anything beyond that is a fault.
            return new String(in.readNBytes(8 << 20), StandardCharsets.UTF_8);
        }
    }
}
