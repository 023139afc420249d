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
        return launch(List.of(new Start(command, List.of())), stdin, timeout, false, -1, 0).get(0);
    }

    @Override
    public RunResult runCapped(Command command, Path stdin, Duration timeout, long maxRssKib) {
        return launch(List.of(new Start(command, List.of())), stdin, timeout, false, -1, maxRssKib).get(0);
    }

    @Override
    public RunResult runSamplingMemory(Command command, Path stdin, Duration timeout) {
        return launch(List.of(new Start(command, List.of())), stdin, timeout, true, -1, 0).get(0);
    }

    @Override
    public RunResult runOnFreshPages(Command command, Path stdin, Duration timeout, List<Path> files) {
        return launch(List.of(new Start(command, files)), stdin, timeout, false, -1, 0).get(0);
    }

    @Override
    public boolean dropsPages() {
        return true;
    }

    @Override
    public List<RunResult> runSharingCpu(List<Start> starts, Path stdin, Duration timeout, int cpu) {
        if (cpu < 0) {
            throw new IllegalArgumentException("CPU number " + cpu);
        }
        return launch(starts, stdin, timeout, false, cpu, 0);
    }

    @Override
    public boolean sharesCpu() {
        return true;
    }

    /** The CPUs this process may run on (Cpus_allowed_list in /proc/self/status), so a pin never names a CPU a cpuset hides. */
    @Override
    public List<Integer> cpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return cpuList(line.substring(line.indexOf(':') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: number them as the JVM counts them
        }
        return java.util.stream.IntStream.range(0, Runtime.getRuntime().availableProcessors()).boxed().toList();
    }

    /** "0-1,4" -> [0, 1, 4]. */
    static List<Integer> cpuList(String text) {
        List<Integer> cpus = new ArrayList<>();
        for (String part : text.strip().split(",")) {
            String[] range = part.strip().split("-");
            int first = Integer.parseInt(range[0].strip());
            int last = range.length > 1 ? Integer.parseInt(range[1].strip()) : first;
            for (int cpu = first; cpu <= last; cpu++) {
                cpus.add(cpu);
            }
        }
        return List.copyOf(cpus);
    }

    /** Starts one launcher per command, all before waiting for any, so that pinned to one CPU they share it from the start. */
    /** @param maxRssKib the launcher kills a command whose resident set passes this (0: no cap) */
    private List<RunResult> launch(List<Start> starts, Path stdin, Duration timeout, boolean sampleMemory, int cpu, long maxRssKib) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("The launcher was expected at " + binary + " but is not there (or not executable). "
                    + "It starts and measures every process of the suite. Build it with 'bash src/launcher/build.sh' "
                    + "(mvn verify does, at generate-resources; it needs Go, which 'bash ci/setup.sh' installs).");
        }
        List<Process> processes = new ArrayList<>();
        List<Path> reports = new ArrayList<>();
        Command current = starts.get(0).command();
        try {
            for (Start start : starts) {
                current = start.command();
                List<String> argv = new ArrayList<>(List.of(binary.toString(), "--stdin", stdin == null ? "/dev/null" : stdin.toString(),
                        "--timeout-ms", Long.toString(timeout.toMillis())));
                if (maxRssKib > 0) {
                    argv.addAll(List.of("--max-rss-kib", Long.toString(maxRssKib)));
                }
                if (sampleMemory) {
                    argv.addAll(List.of("--sample-memory-us", Integer.toString(MEMORY_SAMPLE_US)));
                }
                if (cpu >= 0) {
                    argv.addAll(List.of("--cpu", Integer.toString(cpu)));
                }
                start.dropPages().forEach(file -> argv.addAll(List.of("--drop-pages", file.toAbsolutePath().toString())));
                argv.add("--");
                argv.addAll(start.command().argv());
                Path report = Files.createTempFile("wps-launch-", ".json");
                reports.add(report);
                ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(report.toFile()).redirectErrorStream(true);
                builder.environment().putAll(start.command().environment());
                processes.add(builder.start());
            }
            List<RunResult> results = new ArrayList<>();
            for (int i = 0; i < starts.size(); i++) {
                current = starts.get(i).command();
                results.add(collect(current, processes.get(i), reports.get(i), timeout));
            }
            return results;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + current.display() + " through " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + current.display() + " ran", e);
        } finally {
            for (Process process : processes) {
                if (process.isAlive()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
            for (Path report : reports) {
                try {
                    Files.deleteIfExists(report);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private RunResult collect(Command command, Process process, Path report, Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The launcher did not return within " + timeout.plus(GRACE).toSeconds() + " s running "
                    + command.display() + " (its own timeout is " + timeout.toSeconds() + " s); it was killed. Is " + binary
                    + " a current build of src/launcher?");
        }
        String output = read(report);
        JsonNode json = LaunchReport.parse(output).orElseThrow(() -> new IllegalStateException("The launcher " + binary
                + " printed no result line for " + command.display() + " (exit code " + process.exitValue() + "): " + output
                + "\nRebuild it with 'bash src/launcher/build.sh'."));
        return LaunchReport.toResult(command, json, timeout);
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // The launcher caps the captured stdout and stderr at 1 MiB each; anything beyond that is a fault.
            return new String(in.readNBytes(8 << 20), StandardCharsets.UTF_8);
        }
    }
}
