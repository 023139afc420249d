package dev.wasmperf.artefacts;

import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Launcher;
import dev.wasmperf.execution.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Builds AOT artefacts into target/aot from the suite's own .wasm ({@code wasmtime compile}, {@code wasmer compile})
 * and records their SHA-256 (in memory for this run, and as a sha256sum-style file beside each artefact for people).
 */
public final class AotCompiler {

    private final Path aotDir;
    private final Launcher runner;
    private final Duration timeout;

    public AotCompiler(Path targetDir, Launcher runner, Duration timeout) {
        this.aotDir = targetDir.resolve("aot");
        this.runner = runner;
        this.timeout = timeout;
    }

    /** Where the artefact of this module with this extension goes, e.g. target/aot/mobilenet-classify-simd.cwasm. */
    public Path outputFor(Path wasm, String extension) {
        String name = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
        return aotDir.resolve(name + "." + extension);
    }

    /**
     * Runs {@code command} (the runtime's compile command line, which writes {@code output}) and records the artefact's
     * hash: the artefact for this machine's CPU, the one every timed run uses.
     *
     * @param runtime for messages: "wasmtime"
     */
    public AotArtefact compile(String runtime, Path runtimeBinary, String runtimeVersion, Path wasm, Path output, Command command) {
        try {
            Files.createDirectories(output.getParent());
            // A stale artefact from an earlier build must never survive a failed compilation.
            Files.deleteIfExists(output);
            Files.deleteIfExists(hashFile(output));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + output.getParent() + " for AOT artefacts", e);
        }
        RunResult run = runner.run(command, null, timeout);
        if (run.timedOut() || !run.exitedWith(0) || !Files.isRegularFile(output)) {
            throw new AotCompilationException("AOT compilation with " + runtime + " " + runtimeVersion + " failed: expected exit code 0 and "
                    + output + ", got: " + (Files.isRegularFile(output) ? "" : "no output file; ") + run.outcome() + ".\n"
                    + run.describe() + "\nRun the command above by hand to see the full error. If " + wasm.getFileName()
                    + " is stale or broken, rebuild it with 'bash src/classifier/build.sh'.");
        }
        String sha256 = Sha256.of(output);
        try {
            Files.writeString(hashFile(output), sha256 + "  " + output.getFileName() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + hashFile(output), e);
        }
        return new AotArtefact(output, sha256, wasm, Sha256.of(wasm), runtime, runtimeBinary, runtimeVersion);
    }

    private static Path hashFile(Path artefact) {
        return artefact.resolveSibling(artefact.getFileName() + ".sha256");
    }
}
