package dev.wasmperf.matrix;

import dev.wasmperf.artefacts.AotArtefact;
import dev.wasmperf.execution.Command;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The variant matrix: every way the suite runs the classifier. Adding a variant means adding a constant here. Names are
 * {@code <runtime>-<compiler>-<mode>}; a runtime's default compiler (Cranelift for Wasmtime and Wasmer, wazero's own)
 * keeps the short name, and so does a runtime's plain interpreter ({@code wazero-interp}, {@code chicory-interp}). The
 * native variants are named by their kernels ({@code native}: the best the CPU has; {@code native-sse2}); a per-group key
 * for {@code native} (its runtime and mode) applies to both.
 */
public enum Variant {
    NATIVE("native", Runtime.NATIVE, Compiler.RUSTC, CompilationMode.NATIVE),
    /** The same binary on its 128-bit kernels (--isa sse2): native at simd128's width, the like-for-like reference. */
    NATIVE_SSE2("native-sse2", Runtime.NATIVE, Compiler.RUSTC, CompilationMode.NATIVE, List.of("--isa", "sse2")),
    WASMTIME_JIT("wasmtime-jit", Runtime.WASMTIME, Compiler.CRANELIFT, CompilationMode.JIT),
    WASMTIME_AOT("wasmtime-aot", Runtime.WASMTIME, Compiler.CRANELIFT, CompilationMode.AOT),
    WASMER_JIT("wasmer-jit", Runtime.WASMER, Compiler.CRANELIFT, CompilationMode.JIT),
    WASMER_AOT("wasmer-aot", Runtime.WASMER, Compiler.CRANELIFT, CompilationMode.AOT),
    WASMTIME_WINCH_JIT("wasmtime-winch-jit", Runtime.WASMTIME, Compiler.WINCH, CompilationMode.JIT),
    WASMTIME_WINCH_AOT("wasmtime-winch-aot", Runtime.WASMTIME, Compiler.WINCH, CompilationMode.AOT),
    WASMER_SINGLEPASS_JIT("wasmer-singlepass-jit", Runtime.WASMER, Compiler.SINGLEPASS, CompilationMode.JIT),
    WASMER_SINGLEPASS_AOT("wasmer-singlepass-aot", Runtime.WASMER, Compiler.SINGLEPASS, CompilationMode.AOT),
    NODE_V8_JIT("node-v8-jit", Runtime.NODE, Compiler.V8, CompilationMode.JIT),
    NODE_LIFTOFF_JIT("node-liftoff-jit", Runtime.NODE, Compiler.LIFTOFF, CompilationMode.JIT),
    NODE_TURBOFAN_JIT("node-turbofan-jit", Runtime.NODE, Compiler.TURBOFAN, CompilationMode.JIT),
    WAZERO_JIT("wazero-jit", Runtime.WAZERO, Compiler.WAZEVO, CompilationMode.JIT),
    WAZERO_INTERP("wazero-interp", Runtime.WAZERO, Compiler.INTERPRETER, CompilationMode.INTERP),
    WASMTIME_PULLEY_INTERP("wasmtime-pulley-interp", Runtime.WASMTIME, Compiler.PULLEY, CompilationMode.INTERP),
    WASMTIME_PULLEY_AOT("wasmtime-pulley-aot", Runtime.WASMTIME, Compiler.PULLEY, CompilationMode.AOT),
    CHICORY_JIT("chicory-jit", Runtime.CHICORY, Compiler.BYTECODE, CompilationMode.JIT),
    CHICORY_INTERP("chicory-interp", Runtime.CHICORY, Compiler.INTERPRETER, CompilationMode.INTERP),
    GRAALWASM_JIT("graalwasm-jit", Runtime.GRAALWASM, Compiler.GRAAL, CompilationMode.JIT),
    GRAALWASM_INTERP("graalwasm-interp", Runtime.GRAALWASM, Compiler.INTERPRETER, CompilationMode.INTERP);

    private final String id;
    private final Runtime runtime;
    private final Compiler compiler;
    private final CompilationMode mode;
    private final List<String> classifierArgs;

    Variant(String id, Runtime runtime, Compiler compiler, CompilationMode mode) {
        this(id, runtime, compiler, mode, List.of());
    }

    Variant(String id, Runtime runtime, Compiler compiler, CompilationMode mode, List<String> classifierArgs) {
        this.id = id;
        this.runtime = runtime;
        this.compiler = compiler;
        this.mode = mode;
        this.classifierArgs = classifierArgs;
    }

    /** Arguments every run of this variant gives the classifier, before any of the run's own. */
    public List<String> classifierArgs() {
        return classifierArgs;
    }

    public String id() {
        return id;
    }

    public Runtime runtime() {
        return runtime;
    }

    public CompilationMode mode() {
        return mode;
    }

    public Compiler compiler() {
        return compiler;
    }

    /** The names accepted by -Dvariants, in matrix order. */
    public static String validIds() {
        return Arrays.stream(values()).map(Variant::id).collect(Collectors.joining(", "));
    }

    public static Optional<Variant> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    /**
     * Finds the runtime, checks its version, compiles the AOT artefact if this is an AOT variant, and builds the run command.
     * A missing runtime makes the variant {@link Readiness.Unavailable}; anything else that goes wrong makes it {@link Readiness.Broken}.
     */
    public Readiness prepare(VariantSetup setup) {
        try {
            if (mode == CompilationMode.NATIVE) {
                return new Readiness.Ready(PreparedVariant.nativeBinary(this, setup.artefacts().nativeBinary()));
            }
            InstalledRuntime installed;
            try {
                installed = setup.runtimes().locate(runtime);
            } catch (RuntimeUnavailableException e) {
                return new Readiness.Unavailable(this, id + " cannot run: " + e.getMessage());
            }
            Path wasm = setup.artefacts().wasm(runtime.flavourFor(compiler, setup.flavour()));
            if (mode == CompilationMode.JIT || mode == CompilationMode.INTERP) {
                return ready(installed, wasm, Optional.empty());
            }
            Path output = setup.aot().outputFor(wasm, aotExtension());
            AotArtefact artefact = setup.aot().compile(runtime.id(), installed.binary(), installed.version(), wasm, output,
                    Command.of(runtime.aotCompile(installed.binary(), compiler, wasm, output)));
            return ready(installed, artefact.file(), Optional.of(artefact));
        } catch (RuntimeException e) {
            return new Readiness.Broken(this, e);
        }
    }

    /** Each compiler's artefact has its own name: a Winch .cwasm must never stand in for a Cranelift one. */
    String aotExtension() {
        return compiler == Compiler.CRANELIFT ? runtime.aotExtension() : compiler.id() + "." + runtime.aotExtension();
    }

    private Readiness ready(InstalledRuntime installed, Path program, Optional<AotArtefact> aot) {
        return new Readiness.Ready(new PreparedVariant(this, Optional.of(installed.binary()), installed.version(), program, aot));
    }

    /**
     * The names a per-group setting ({@code <key>.<group>}) may use for this variant, most specific first: its own name,
     * its compiler, its runtime, its mode.
     */
    public List<String> groups() {
        return List.of(id, compiler.id(), runtime.id(), mode.id());
    }

    /** The ids of the given variants, comma-separated, for messages. */
    public static String ids(List<Variant> variants) {
        return variants.stream().map(Variant::id).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return id;
    }
}
