package dev.wasmperf.matrix;

/** How the classifier's code becomes machine code for a run. */
public enum CompilationMode {
    /** Compiled by rustc for the host; no WebAssembly involved. */
    NATIVE,
    /** The runtime compiles the .wasm on every run (its on-disk compilation cache is disabled). */
    JIT,
    /** The runtime compiled the .wasm once, before the run, into its own precompiled format. */
    AOT,
    /** The runtime interprets the .wasm: no machine code is generated for it. */
    INTERP;

    /** Lower-case name for result files and parameters: "native", "jit", "aot", "interp". */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
