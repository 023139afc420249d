package dev.wasmperf.measure;

import dev.wasmperf.artefacts.AotArtefact;
import dev.wasmperf.artefacts.AotCompilationException;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.results.SampleKind;
import dev.wasmperf.results.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the instructions a classification executes, with Valgrind's cachegrind and no cache simulation: a count that
 * does not depend on how fast or how busy the machine is. These VMs expose no hardware counters, so this is the
 * deterministic measure available. What it cannot see: time in the kernel (system calls, page faults), waiting, and
 * cache misses, which the timed metrics see.
 *
 * <p>Under Valgrind a program sees Valgrind's CPU, x86-64 with AVX2 and without AVX-512, whatever the host has: native's
 * kernels take their AVX2 path, JIT variants compile for that CPU, and AOT variants run an artefact compiled for it
 * (Runtime#countableAotCompile). The counted code is the same on every host, so counts compare across CPU generations.
 * Each subject is counted twice: one classification (COUNT), and one with one more inference (COUNT_REPEAT); the
 * difference is one inference, without start-up or compilation.
 */
public final class InstructionCounter {

    /** cachegrind's summary line: "==123== I   refs:      283,566,504". */
    private static final Pattern REFS = Pattern.compile("I\\s+refs:\\s+([0-9,]+)");

    private final Executor runner;
    private final Path valgrind;
    private final String version;
    private final Path logDir;
    private final Duration timeout;
    private final Map<Path, Path> countableArtefacts = new ConcurrentHashMap<>();

    /**
     * @param version what {@code valgrind --version} printed, for the result set
     * @param logDir  where Valgrind's own log of each run goes (target/instructions/), kept for a reader
     */
    public InstructionCounter(Executor runner, Path valgrind, String version, Path logDir, Duration timeout) {
        this.runner = runner;
        this.valgrind = valgrind;
        this.version = version;
        this.logDir = logDir;
        this.timeout = timeout;
    }

    public String version() {
        return version;
    }

    public String describe() {
        return version + " cachegrind --cache-sim=no: the whole process (runtime, compiler and program), compilation on one thread";
    }

    /** Counts every subject, {@code parallel} Valgrind runs at a time, into the log. */
    public void countAll(List<Subject> subjects, StdinPayload input, int parallel, SampleLog log, Consumer<String> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<?>> futures = new ArrayList<>();
            long started = System.nanoTime();
            for (Subject subject : subjects) {
                for (SampleKind kind : List.of(SampleKind.COUNT, SampleKind.COUNT_REPEAT)) {
                    futures.add(pool.submit(() -> {
                        long count = count(subject, input, kind == SampleKind.COUNT_REPEAT);
                        log.add(-1, subject, kind, Map.of(Values.INSTRUCTIONS, (double) count), Map.of());
                    }));
                }
            }
            Progress counted = new Progress("instructions", "count", futures.size(), progress);
            for (Future<?> future : futures) {
                counted.next();
                future.get();
            }
            progress.accept(String.format(java.util.Locale.ROOT, "instructions: %d subjects counted in %.0f s (%s)", subjects.size(),
                    (System.nanoTime() - started) / 1e9, version));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new MeasurementException("Counting instructions failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeasurementException("Interrupted while counting instructions");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The instructions of one classification of {@code input} by {@code subject}, plus one inference if {@code oneMore}. */
    public long count(Subject subject, StdinPayload input, boolean oneMore) {
        List<String> args = oneMore ? List.of("--repeat", "1") : List.of();
        Optional<Path> artefact = subject.prepared().aot().map(aot -> countableArtefact(subject.variant(), aot));
        Command countable = subject.prepared().countableCommand(args, artefact);
        Path log = logDir.resolve(subject.name().replaceAll("[^A-Za-z0-9-]+", "_") + (oneMore ? "-repeat" : "") + ".log");
        List<String> argv = new ArrayList<>(List.of(valgrind.toString(), "--tool=cachegrind", "--cache-sim=no",
                "--cachegrind-out-file=/dev/null", "--log-file=" + log));
        argv.addAll(countable.argv());
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + logDir + " for Valgrind's logs", e);
        }
        RunResult result = runner.run(new Command(argv, countable.environment()), input.file(), timeout);
        String valgrindLog = read(log);
        try {
            Campaign.classified(subject, input, result);
        } catch (MeasurementException e) {
            throw new MeasurementException("Cannot count the instructions of " + subject + " on " + input + ": under Valgrind it did not"
                    + " classify. Valgrind's log, " + log + ", ends with:\n" + tail(valgrindLog) + "\n" + result.describe());
        }
        return parse(valgrindLog).orElseThrow(() -> new MeasurementException("Valgrind's log " + log + " has no 'I refs:' line, so the"
                + " instruction count of " + subject + " is unknown. Is " + valgrind + " a Valgrind with cachegrind? The log ends with:\n"
                + tail(valgrindLog)));
    }

    /** The subject's module compiled for Valgrind's CPU, once per artefact, beside it in countable/. */
    private Path countableArtefact(Variant variant, AotArtefact artefact) {
        return countableArtefacts.computeIfAbsent(artefact.file(), file -> {
            Path output = file.resolveSibling("countable").resolve(file.getFileName());
            try {
                Files.createDirectories(output.getParent());
                Files.deleteIfExists(output);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare " + output.getParent(), e);
            }
            Path binary = artefact.runtimeBinary();
            RunResult run = runner.run(Command.of(variant.runtime().countableAotCompile(binary, variant.compiler(), artefact.source(), output)), null,
                    timeout);
            if (!run.exitedWith(0) || !Files.isRegularFile(output)) {
                throw new AotCompilationException("Compiling " + artefact.source().getFileName() + " with " + artefact.runtime() + " "
                        + artefact.runtimeVersion() + " for Valgrind's CPU (x86-64 with AVX2, no AVX-512) failed, so its instructions "
                        + "cannot be counted:\n" + run.describe());
            }
            return output;
        });
    }

    /** The count in a cachegrind log, if it has one. */
    static Optional<Long> parse(String log) {
        Matcher m = REFS.matcher(log);
        return m.find() ? Optional.of(Long.parseLong(m.group(1).replace(",", ""))) : Optional.empty();
    }

    private static String read(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.readString(log) : "(Valgrind wrote no log)";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - RunResult.TAIL_LINES), lines.size()));
    }
}
