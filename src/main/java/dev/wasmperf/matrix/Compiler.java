package dev.wasmperf.matrix;

import dev.wasmperf.artefacts.WasmFlavour;

/** Which compiler turns the classifier into machine code: rustc for native, one of a runtime's back ends for wasm. */
public enum Compiler {
    /** The native binary's: no WebAssembly involved. */
    RUSTC("rustc", true),
    /** Wasmtime's and Wasmer's optimising compiler; the default of both. */
    CRANELIFT("cranelift", true),
    /** Wasmtime's baseline compiler: one pass, no optimisation, fast to compile. */
    WINCH("winch", true),
    /** Wasmer's baseline compiler. It has no simd128 (Wasmer 7.4.2: "not yet implemented: V128Load"), so it runs the scalar module. */
    SINGLEPASS("singlepass", false),
    /** V8's default: Liftoff first, TurboFan for the functions that run hot. */
    V8("v8", true),
    /** V8's baseline compiler alone. */
    LIFTOFF("liftoff", true),
    /** V8's optimising compiler alone. */
    TURBOFAN("turbofan", true),
    /** wazero's optimising compiler (wazevo in its sources), its default on amd64 and arm64. */
    WAZEVO("wazevo", true),
    /**
     * Wasmtime's Pulley: Cranelift compiles the module to Pulley's portable bytecode ({@code --target pulley64}), which
     * Wasmtime's interpreter runs; no machine code is generated. Has simd128.
     */
    PULLEY("pulley", true),
    /** Chicory's compiler: every function becomes JVM bytecode when the module is loaded, then HotSpot compiles the hot ones. */
    BYTECODE("bytecode", false),
    /** GraalWasm's: Truffle interprets first, then the Graal compiler turns hot guest code into machine code. */
    GRAAL("graal", true),
    /** An interpreter of the module: no code generation at all (wazero's, Chicory's, GraalWasm's Truffle interpreter). */
    INTERPRETER("interpreter", true);

    private final String id;
    private final boolean simd128;

    Compiler(String id, boolean simd128) {
        this.id = id;
        this.simd128 = simd128;
    }

    public String id() {
        return id;
    }

    /** The module a variant compiled by this runs: the configured flavour, or the scalar one where simd128 is missing. */
    public WasmFlavour flavourFor(WasmFlavour configured) {
        return simd128 ? configured : WasmFlavour.SCALAR;
    }

    /** The names accepted as a compiler group by -Dvariants, for messages. */
    public static String validIds() {
        return java.util.Arrays.stream(values()).filter(c -> c != RUSTC).map(Compiler::id).collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
