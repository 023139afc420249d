package dev.wasmperf.matrix;

import dev.wasmperf.execution.Command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        public List<String> jitRun(Path binary, Compiler compiler, Path wasm, List<String> guestArgs) {
            // cache=n: with Wasmtime's default on-disk cache a second "JIT" run would load machine code instead of compiling.
            return concat(concat(List.of(binary.toString(), "run", "-C", "cache=n"), flags(compiler)), concat(List.of(wasm.toString()), guestArgs));
        }

        @Override
        public List<String> aotCompile(Path binary, Compiler compiler, Path wasm, Path output) {
            return concat(concat(List.of(binary.toString(), "compile", "-C", "cache=n"), flags(compiler)),
                    List.of(wasm.toString(), "-o", output.toString()));
        }

        @Override
        public List<String> countableAotCompile(Path binary, Compiler compiler, Path wasm, Path output) {
            if (compiler == Compiler.PULLEY) {
                // Pulley's bytecode is the same on every host.
                return aotCompile(binary, compiler, wasm, output);
            }
            // An explicit target disables host detection; the Haswell preset is x86-64 with AVX2, BMI, FMA, LZCNT (Winch
            // reads the same ISA flags).
            return concat(concat(List.of(binary.toString(), "compile", "-C", "cache=n"), flags(compiler)), List.of("--target",
                    "x86_64-unknown-linux-gnu", "-Ccranelift-haswell", wasm.toString(), "-o", output.toString()));
        }

        private List<String> flags(Compiler compiler) {
            return switch (compiler) {
                case CRANELIFT -> List.of();
                case WINCH -> List.of("-C", "compiler=winch");
                // The release binary has Pulley built in; a .cwasm made for it needs the same --target to run.
                case PULLEY -> List.of("--target", "pulley64");
                default -> throw unsupported(compiler);
            };
        }

        @Override
        public List<String> aotRun(Path binary, Compiler compiler, Path precompiled, List<String> guestArgs) {
            // Wasmtime refuses precompiled code unless asked, because a .cwasm is trusted native code; it also refuses one
            // made with another compiler than the engine's.
            return concat(concat(List.of(binary.toString(), "run", "--allow-precompiled"), flags(compiler)),
                    concat(List.of(precompiled.toString()), guestArgs));
        }

        @Override
        public String aotExtension() {
            return "cwasm";
        }

        @Override
        public Command countable(Command run) {
            // Cranelift compiles functions on a thread pool; on one thread the compile's instruction count repeats.
            List<String> argv = new ArrayList<>(run.argv());
            argv.addAll(argv.indexOf("run") + 1, List.of("-C", "parallel-compilation=n"));
            return new Command(argv, run.environment());
        }
    },
    WASMER("wasmer") {
        @Override
        public List<String> jitRun(Path binary, Compiler compiler, Path wasm, List<String> guestArgs) {
            // --disable-cache: Wasmer otherwise stores compiled modules under $WASMER_CACHE_DIR/compiled and reuses them.
            return concat(List.of(binary.toString(), "run", flag(compiler), "--disable-cache", wasm.toString()), guest(guestArgs));
        }

        @Override
        public List<String> aotCompile(Path binary, Compiler compiler, Path wasm, Path output) {
            return List.of(binary.toString(), "compile", flag(compiler), wasm.toString(), "-o", output.toString());
        }

        @Override
        public List<String> countableAotCompile(Path binary, Compiler compiler, Path wasm, Path output) {
            List<String> argv = new ArrayList<>(List.of(binary.toString(), "compile", flag(compiler), "--target", "x86_64-unknown-linux-gnu"));
            for (String feature : List.of("sse2", "sse3", "ssse3", "sse4.1", "sse4.2", "popcnt", "avx", "avx2", "bmi", "bmi2", "lzcnt", "fma")) {
                argv.addAll(List.of("-m", feature));
            }
            argv.addAll(List.of(wasm.toString(), "-o", output.toString()));
            return argv;
        }

        @Override
        public List<String> aotRun(Path binary, Compiler compiler, Path precompiled, List<String> guestArgs) {
            // Wasmer recognises its serialized artefact by its header; nothing is compiled, so no cache is involved.
            return concat(List.of(binary.toString(), "run", precompiled.toString()), guest(guestArgs));
        }

        @Override
        public String aotExtension() {
            return "wasmu";
        }

        @Override
        public Command countable(Command run) {
            // Wasmer's Cranelift compiles on rayon's global pool, which reads its size from this variable.
            Map<String, String> environment = new HashMap<>(run.environment());
            environment.put("RAYON_NUM_THREADS", "1");
            return new Command(run.argv(), environment);
        }

        private String flag(Compiler compiler) {
            return switch (compiler) {
                case CRANELIFT -> "--cranelift";
                case SINGLEPASS -> "--singlepass";
                default -> throw unsupported(compiler);
            };
        }

        /** Wasmer takes arguments that start with '-' as its own unless they follow '--'. */
        private List<String> guest(List<String> guestArgs) {
            return guestArgs.isEmpty() ? guestArgs : concat(List.of("--"), guestArgs);
        }
    },
    /**
     * Node.js's V8 through node:wasi, by src/runners/node-wasi.mjs, which ci/setup.sh puts beside the node binary it
     * links into the cache. JIT only: V8 compiles the module in every process.
     */
    NODE("node") {
        @Override
        public List<String> jitRun(Path binary, Compiler compiler, Path wasm, List<String> guestArgs) {
            // --no-warnings: node:wasi prints an ExperimentalWarning on stderr, which is the classifier's channel for errors.
            return concat(concat(concat(List.of(binary.toString(), "--no-warnings"), flags(compiler)),
                    List.of(binary.resolveSibling(RUNNER).toString(), wasm.toString())), guestArgs);
        }

        private List<String> flags(Compiler compiler) {
            return switch (compiler) {
                case V8 -> List.of();
                // Liftoff, V8's baseline compiler, and nothing else. (--liftoff --no-wasm-tier-up is not that: dynamic tiering
                // still moves hot functions to TurboFan, at a time of its own; Node 20 ran 24-35 ms per inference with it,
                // 47-49 ms with this.)
                case LIFTOFF -> List.of("--liftoff-only");
                // TurboFan, V8's optimising compiler, for every function from the start.
                case TURBOFAN -> List.of("--no-liftoff");
                default -> throw unsupported(compiler);
            };
        }

        @Override
        public Command countable(Command run) {
            // V8 compiles and collects garbage on background threads; on one thread the count repeats.
            List<String> argv = new ArrayList<>(run.argv());
            argv.add(1, "--single-threaded");
            return new Command(argv, run.environment());
        }

        @Override
        public String parseVersion(String versionOutput) {
            return vPrefixed(versionOutput);
        }
    },
    /**
     * wazero, a runtime in Go, by its command line (cmd/wazero, built by ci/setup.sh with go install from the module
     * proxy). No AOT mode: its -cachedir is a compilation cache, not an artefact to ship, and stays off.
     */
    WAZERO("wazero") {
        @Override
        public List<String> jitRun(Path binary, Compiler compiler, Path wasm, List<String> guestArgs) {
            // Without -mount and -env the guest gets no directory and no environment; stdin, stdout, stderr are passed.
            return concat(concat(List.of(binary.toString(), "run"), flags(compiler)), concat(List.of(wasm.toString()), guestArgs));
        }

        private List<String> flags(Compiler compiler) {
            return switch (compiler) {
                case WAZEVO -> List.of();
                case INTERPRETER -> List.of("-interpreter");
                default -> throw unsupported(compiler);
            };
        }

        @Override
        public Command countable(Command run) {
            // Go's scheduler and garbage collector run on as many threads as GOMAXPROCS; on one the count repeats better.
            Map<String, String> environment = new HashMap<>(run.environment());
            environment.put("GOMAXPROCS", "1");
            return new Command(run.argv(), environment);
        }

        @Override
        public List<String> versionCommand(Path binary) {
            return List.of(binary.toString(), "version");
        }

        @Override
        public String parseVersion(String versionOutput) {
            return vPrefixed(versionOutput);
        }
    },
    /**
     * Chicory, a runtime in pure Java, in a fresh JVM per run like every other runtime: src/runners/chicory/ChicoryRun.java,
     * which ci/setup.sh compiles against the pinned Chicory jars and starts through a {@code bin/chicory} script. Its
     * compiler makes JVM bytecode at load time (the jit variant); --interpreter runs Chicory's interpreter. Neither has
     * simd128 (Chicory 1.7.5's compiler rejects the simd build; its interpreter needs the separate, Java 21+ simd module), so
     * both run the scalar module.
     */
    CHICORY("chicory") {
        @Override
        public List<String> jitRun(Path binary, Compiler compiler, Path wasm, List<String> guestArgs) {
            return jvmRunner(binary, Compiler.BYTECODE, compiler, wasm, guestArgs);
        }

        @Override
        public boolean hasSimd128() {
            return false;
        }
    },
    /**
     * GraalWasm on Truffle, in a fresh JVM per run (Java 21+, graalwasm.java): src/runners/graalwasm/GraalWasmRun.java,
     * compiled and started like Chicory's. Its script starts the JVM with the Graal compiler for Truffle (the jit
     * variant), or without runtime compilation for --interpreter. It runs the simd128 module.
     */
    GRAALWASM("graalwasm") {
        @Override
        public List<String> jitRun(Path binary, Compiler compiler, Path wasm, List<String> guestArgs) {
            return jvmRunner(binary, Compiler.GRAAL, compiler, wasm, guestArgs);
        }
    };

    /** The script that runs a WASI module in Node.js (src/runners/node-wasi.mjs), installed beside the node binary. */
    public static final String RUNNER = "node-wasi.mjs";

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

    /**
     * Runs a .wasm, compiling it during the run with {@code compiler} (or interpreting it, for an interpreter);
     * {@code guestArgs} go to the classifier.
     */
    public List<String> jitRun(Path binary, Compiler compiler, Path wasm, List<String> guestArgs) {
        throw noCommandLine();
    }

    /** Compiles a .wasm into this runtime's precompiled format, for the host CPU. */
    public List<String> aotCompile(Path binary, Compiler compiler, Path wasm, Path output) {
        throw noCommandLine();
    }

    /**
     * Compiles for the CPU an instruction count runs on: Valgrind 3.19 presents x86-64 with AVX2 and no AVX-512, and a
     * runtime refuses an artefact that uses features the CPU lacks. The same code on every host, so counts compare
     * across CPU generations.
     */
    public List<String> countableAotCompile(Path binary, Compiler compiler, Path wasm, Path output) {
        throw noCommandLine();
    }

    /** Runs a precompiled module made by {@link #aotCompile}; {@code guestArgs} go to the classifier. */
    public List<String> aotRun(Path binary, Compiler compiler, Path precompiled, List<String> guestArgs) {
        throw noCommandLine();
    }

    /**
     * The run command with compilation on one thread, so that an instruction count of it repeats from run to run
     * (worker threads of a parallel compile spin and steal work in an order that differs every time).
     */
    public Command countable(Command run) {
        return run;
    }

    /**
     * The command line the suite's JVM runners share (src/runners/chicory, src/runners/graalwasm):
     * {@code <runner> [--interpreter] <module.wasm> [guest args...]}; the runtime's own compiler needs no flag.
     */
    List<String> jvmRunner(Path binary, Compiler own, Compiler compiler, Path wasm, List<String> guestArgs) {
        List<String> mode;
        if (compiler == own) {
            mode = List.of();
        } else if (compiler == Compiler.INTERPRETER) {
            mode = List.of("--interpreter");
        } else {
            throw unsupported(compiler);
        }
        return concat(concat(List.of(binary.toString()), mode), concat(List.of(wasm.toString()), guestArgs));
    }

    /** Whether this runtime runs the simd128 build with its compilers that have it (else always the scalar one). */
    public boolean hasSimd128() {
        return true;
    }

    /** The module a variant of this runtime and compiler runs: the configured flavour, or the scalar one without simd128. */
    public dev.wasmperf.artefacts.WasmFlavour flavourFor(Compiler compiler, dev.wasmperf.artefacts.WasmFlavour configured) {
        return hasSimd128() ? compiler.flavourFor(configured) : dev.wasmperf.artefacts.WasmFlavour.SCALAR;
    }

    /** File extension of this runtime's precompiled module. */
    public String aotExtension() {
        throw noCommandLine();
    }

    IllegalArgumentException unsupported(Compiler compiler) {
        return new IllegalArgumentException(id + " has no " + compiler + " compiler in this suite");
    }

    private IllegalStateException noCommandLine() {
        return new IllegalStateException(id + " is not a WebAssembly runtime and has no command line of its own");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
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

    /** "v20.20.2" -> "20.20.2" (how node and wazero print theirs); null for anything else. */
    private static String vPrefixed(String versionOutput) {
        String version = versionOutput.strip();
        return version.matches("v\\d+\\.\\d+\\.\\d+") ? version.substring(1) : null;
    }

    /** The command that prints this runtime's version, read by {@link #parseVersion}. */
    public List<String> versionCommand(Path binary) {
        return List.of(binary.toString(), "--version");
    }

    @Override
    public String toString() {
        return id;
    }
}
