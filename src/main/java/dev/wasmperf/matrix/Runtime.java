package dev.wasmperf.matrix;

import java.nio.file.Path;
import java.util.List;

/**
 * What executes the classifier, and the command-line knowledge of each WebAssembly runtime.
 * Flags were checked against the pinned versions' own help ({@code wasmtime run -C help},
 * {@code wasmer run --help}).
 */
public enum Runtime {
    /** The classifier binary itself. */
    NATIVE("native"),
    WASMTIME("wasmtime") {
        @Override
        public List<String> jitRun(Path binary, Path wasm) {
            // cache=n: with Wasmtime's default on-disk cache a second "JIT" run would load machine code instead of compiling.
            return List.of(binary.toString(), "run", "-C", "cache=n", wasm.toString());
        }

        @Override
        public List<String> aotCompile(Path binary, Path wasm, Path output) {
            return List.of(binary.toString(), "compile", "-C", "cache=n", wasm.toString(), "-o", output.toString());
        }

        @Override
        public List<String> aotRun(Path binary, Path precompiled) {
            // Wasmtime refuses precompiled code unless asked, because a .cwasm is trusted native code.
            return List.of(binary.toString(), "run", "--allow-precompiled", precompiled.toString());
        }

        @Override
        public String aotExtension() {
            return "cwasm";
        }
    },
    WASMER("wasmer") {
        @Override
        public List<String> jitRun(Path binary, Path wasm) {
            // --disable-cache: Wasmer otherwise stores compiled modules under $WASMER_CACHE_DIR/compiled and reuses them.
            return List.of(binary.toString(), "run", "--cranelift", "--disable-cache", wasm.toString());
        }

        @Override
        public List<String> aotCompile(Path binary, Path wasm, Path output) {
            return List.of(binary.toString(), "compile", "--cranelift", wasm.toString(), "-o", output.toString());
        }

        @Override
        public List<String> aotRun(Path binary, Path precompiled) {
            // Wasmer recognises its serialized artefact by its header; nothing is compiled, so no cache is involved.
            return List.of(binary.toString(), "run", precompiled.toString());
        }

        @Override
        public String aotExtension() {
            return "wasmu";
        }
    };

    private final String id;

    Runtime(String id) {
        this.id = id;
    }

    /** Lower-case name used in config keys, file names and messages. */
    public String id() {
        return id;
    }

    /** The key in suite.properties that pins this runtime's version. */
    public String versionKey() {
        return id + ".version";
    }

    /** The key that overrides where this runtime's binary is. */
    public String pathKey() {
        return "runtime." + id + ".path";
    }

    /** Where ci/setup.sh installs this runtime: one directory per version, so versions never overwrite each other. */
    public Path installedBinary(Path cacheDir, String version) {
        return cacheDir.resolve("runtimes").resolve(id + "-" + version).resolve("bin").resolve(id);
    }

    /** True for the WebAssembly runtimes, which have a binary, a pinned version and the command lines below. */
    public boolean isWebAssembly() {
        return this != NATIVE;
    }

    /** Runs a .wasm, compiling it during the run. */
    public List<String> jitRun(Path binary, Path wasm) {
        throw noCommandLine();
    }

    /** Compiles a .wasm into this runtime's precompiled format. */
    public List<String> aotCompile(Path binary, Path wasm, Path output) {
        throw noCommandLine();
    }

    /** Runs a precompiled module made by {@link #aotCompile}. */
    public List<String> aotRun(Path binary, Path precompiled) {
        throw noCommandLine();
    }

    /** File extension of this runtime's precompiled module. */
    public String aotExtension() {
        throw noCommandLine();
    }

    private IllegalStateException noCommandLine() {
        return new IllegalStateException(id + " is not a WebAssembly runtime and has no command line of its own");
    }

    /**
     * The version printed by {@code <runtime> --version}, e.g. "wasmtime 49.0.2 (3c8a3e79a 2026-10-02)" or "wasmer 7.4.2".
     * Returns null when the text does not start with the runtime's name.
     */
    public String parseVersion(String versionOutput) {
        String[] words = versionOutput.trim().split("\\s+");
        if (words.length < 2 || !words[0].equalsIgnoreCase(id)) {
            return null;
        }
        return words[1];
    }

    @Override
    public String toString() {
        return id;
    }
}
