package dev.wasmperf.execution;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command on one stdin payload under GNU time, with a timeout.
 * stdin, stdout, stderr and GNU time's report all go through files: no pipe can fill up and block the child.
 */
public final class ProcessRunner implements Executor {

    /** Output beyond this is cut: a classifier answers in one short line, anything longer is a fault to show, not keep. */
    static final int MAX_CAPTURED_BYTES = 1 << 20;

    private final Path timeBinary;

    public ProcessRunner(Path timeBinary) {
        this.timeBinary = timeBinary;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean runsAsChildren() {
        return true;
    }

    /**
     * @param stdin file fed to the process's standard input, or null for an empty input
     */
    @Override
    public RunResult run(Command command, Path stdin, Duration timeout) {
        if (!Files.isExecutable(timeBinary)) {
            throw new IllegalStateException("GNU time was expected at " + timeBinary + " but is not there (or not executable). "
                    + "It measures each run's wall/CPU time and max RSS. Install it with 'apt-get install time' "
                    + "(bash ci/setup.sh does), or point time.binary in src/main/resources/suite.properties at it.");
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("wps-run-");
            Path report = scratch.resolve("time.txt");
            Path out = scratch.resolve("stdout");
            Path err = scratch.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(GnuTime.wrap(timeBinary, report, command).argv())
                    .redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(command.environment());

            long start = System.nanoTime();
            Process process = builder.start();
            boolean finished = waitFor(process, timeout);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            String stdout = read(out);
            String stderr = read(err);
            if (!finished) {
                return new RunResult(command, OptionalInt.empty(), OptionalInt.empty(), stdout, stderr,
                        Optional.empty(), elapsed, true, timeout);
            }
            int exit = process.exitValue();
            String reportText = Files.exists(report) ? Files.readString(report) : "";
            if (reportText.isBlank()) {
                // GNU time could not even start the command (it reports that on stderr, e.g. "cannot run ...").
                return new RunResult(command, OptionalInt.of(exit), OptionalInt.empty(), stdout, stderr,
                        Optional.empty(), elapsed, false, timeout);
            }
            GnuTime.Report measured = GnuTime.parse(reportText);
            return new RunResult(command, OptionalInt.of(exit), measured.signal(), stdout, stderr,
                    Optional.of(measured.usage()), elapsed, false, timeout);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.display() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            killTree(process);
            return false;
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a run; the process tree was killed", e);
        }
    }

    /** Kills GNU time and the runtime below it; descendants are listed first because they are re-parented once time dies. */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle child : descendants) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A child that does not die within 10 s after SIGKILL is stuck in the kernel; nothing more we can do here.
        }
    }

    private static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_CAPTURED_BYTES);
            String text = new String(bytes, StandardCharsets.UTF_8);
            long size = Files.size(file);
            return size > MAX_CAPTURED_BYTES ? text + "\n... (cut: " + size + " bytes in total)" : text;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A leftover temp directory is harmless.
        }
    }
}
