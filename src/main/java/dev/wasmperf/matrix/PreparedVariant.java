package dev.wasmperf.matrix;

import dev.wasmperf.artefacts.AotArtefact;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.fixtures.StdinPayload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A variant ready to classify: its command line, the runtime version behind it, and, for AOT variants,
 * the precompiled module this suite run made.
 *
 * @param program the file the command runs: the native binary, the .wasm, or the AOT artefact
 */
public record PreparedVariant(Variant variant, Command command, String runtimeVersion, Path program, Optional<AotArtefact> aot) {

    /** Recorded as the runtime version of the native variant, which has no runtime. */
    public static final String NO_RUNTIME = "none (native binary)";

    /** One classification. An AOT artefact is re-hashed first: the suite only runs what it compiled. */
    public VariantRun run(Executor runner, StdinPayload input, Duration timeout) {
        aot.ifPresent(AotArtefact::verify);
        RunResult result = runner.run(command, input.file(), timeout);
        return new VariantRun(variant, runtimeVersion, input, result);
    }
}
