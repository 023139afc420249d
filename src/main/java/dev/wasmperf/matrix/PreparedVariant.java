package dev.wasmperf.matrix;

import dev.wasmperf.artefacts.AotArtefact;
import dev.wasmperf.artefacts.AotCompiler;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.fixtures.StdinPayload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A variant ready to classify: the runtime behind it, the file it runs and, for AOT variants, the precompiled module
 * this suite run made. Its command lines follow from these.
 *
 * @param runtimeBinary the runtime's binary; empty for native
 * @param program       the file the command runs: the native binary, the .wasm, or the AOT artefact
 */
public record PreparedVariant(Variant variant, Optional<Path> runtimeBinary, String runtimeVersion, Path program,
                              Optional<AotArtefact> aot) {

    /** Recorded as the runtime version of the native variant, which has no runtime. */
    public static final String NO_RUNTIME = "none (native binary)";

    public static PreparedVariant nativeBinary(Variant variant, Path binary) {
        return new PreparedVariant(variant, Optional.empty(), NO_RUNTIME, binary, Optional.empty());
    }

    /** The command that classifies the request on stdin. */
    public Command command() {
        return command(List.of());
    }

    /** The command with arguments for the classifier itself ("--repeat", "10"). */
    public Command command(List<String> runArgs) {
        Runtime runtime = variant.runtime();
        List<String> classifierArgs = concat(variant.classifierArgs(), runArgs);
        return switch (variant.mode()) {
            case NATIVE -> Command.of(concat(List.of(program.toString()), classifierArgs));
            case JIT, INTERP -> Command.of(runtime.jitRun(binary(), variant.compiler(), program, classifierArgs));
            case AOT -> Command.of(runtime.aotRun(binary(), variant.compiler(), program, classifierArgs));
        };
    }

    /**
     * The command an instruction count runs: compilation on one thread, and for AOT variants {@code countableArtefact}
     * (compiled for Valgrind's CPU) instead of the host's artefact.
     */
    public Command countableCommand(List<String> classifierArgs, Optional<Path> countableArtefact) {
        Runtime runtime = variant.runtime();
        return switch (variant.mode()) {
            case NATIVE -> command(classifierArgs);
            case JIT, INTERP -> runtime.countable(command(classifierArgs));
            case AOT -> runtime.countable(Command.of(runtime.aotRun(binary(), variant.compiler(), countableArtefact.orElseThrow(() ->
                    new IllegalArgumentException(variant + " needs an artefact compiled for the counting CPU")),
                    concat(variant.classifierArgs(), classifierArgs))));
        };
    }

    /** One classification. An AOT artefact is re-hashed first: the suite only runs what it compiled. */
    public VariantRun run(Executor runner, StdinPayload input, Duration timeout) {
        aot.ifPresent(AotArtefact::verify);
        return new VariantRun(variant, runtimeVersion, input, runner.run(command(), input.file(), timeout));
    }

    /** As {@link #run}, killed once its resident set passes {@code maxRssKib} ({@link Executor#runCapped}). */
    public VariantRun runCapped(Executor runner, StdinPayload input, Duration timeout, long maxRssKib) {
        aot.ifPresent(AotArtefact::verify);
        return new VariantRun(variant, runtimeVersion, input, runner.runCapped(command(), input.file(), timeout, maxRssKib));
    }

    /**
     * The same runtime, mode and command line with another module (the sandbox probe), compiled as the classifier was
     * for an AOT variant.
     */
    public PreparedVariant withModule(Path wasm, AotCompiler compiler) {
        Runtime runtime = variant.runtime();
        return switch (variant.mode()) {
            case NATIVE -> throw new IllegalArgumentException("native runs its own binary, not a WebAssembly module");
            case JIT, INTERP -> new PreparedVariant(variant, runtimeBinary, runtimeVersion, wasm, Optional.empty());
            case AOT -> {
                Path output = compiler.outputFor(wasm, variant.aotExtension());
                AotArtefact artefact = compiler.compile(runtime.id(), binary(), runtimeVersion, wasm, output,
                        Command.of(runtime.aotCompile(binary(), variant.compiler(), wasm, output)));
                yield new PreparedVariant(variant, runtimeBinary, runtimeVersion, artefact.file(), Optional.of(artefact));
            }
        };
    }

    private Path binary() {
        return runtimeBinary.orElseThrow(() -> new IllegalStateException(variant + " has no runtime binary"));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
