package dev.wasmperf.matrix;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeTest {

    private static final Path WASMTIME = Path.of("/cache/runtimes/wasmtime-49.0.2/bin/wasmtime");
    private static final Path WASMER = Path.of("/cache/runtimes/wasmer-7.4.2/bin/wasmer");
    private static final Path WASM = Path.of("/p/target/classifier/wasm/mobilenet-classify-simd.wasm");

    @Test
    void wasmtimeJitDisablesTheCompilationCacheAndPreopensNothing() {
        assertThat(Runtime.WASMTIME.jitRun(WASMTIME, Compiler.CRANELIFT, WASM, java.util.List.of()))
                .containsExactly(WASMTIME.toString(), "run", "-C", "cache=n", WASM.toString())
                .noneMatch(arg -> arg.startsWith("--dir"));
    }

    @Test
    void wasmtimeAotCompilesThenRunsThePrecompiledModule() {
        Path cwasm = Path.of("/p/target/aot/mobilenet-classify-simd.cwasm");

        assertThat(Runtime.WASMTIME.aotCompile(WASMTIME, Compiler.CRANELIFT, WASM, cwasm))
                .containsExactly(WASMTIME.toString(), "compile", "-C", "cache=n", WASM.toString(), "-o", cwasm.toString());
        assertThat(Runtime.WASMTIME.aotRun(WASMTIME, Compiler.CRANELIFT, cwasm, java.util.List.of()))
                .containsExactly(WASMTIME.toString(), "run", "--allow-precompiled", cwasm.toString());
        assertThat(Runtime.WASMTIME.aotExtension()).isEqualTo("cwasm");
    }

    @Test
    void wasmerJitUsesCraneliftWithoutTheModuleCache() {
        assertThat(Runtime.WASMER.jitRun(WASMER, Compiler.CRANELIFT, WASM, java.util.List.of()))
                .containsExactly(WASMER.toString(), "run", "--cranelift", "--disable-cache", WASM.toString());
    }

    @Test
    void wasmerAotCompilesWithCraneliftThenRunsTheArtefact() {
        Path wasmu = Path.of("/p/target/aot/mobilenet-classify-simd.wasmu");

        assertThat(Runtime.WASMER.aotCompile(WASMER, Compiler.CRANELIFT, WASM, wasmu))
                .containsExactly(WASMER.toString(), "compile", "--cranelift", WASM.toString(), "-o", wasmu.toString());
        assertThat(Runtime.WASMER.aotRun(WASMER, Compiler.CRANELIFT, wasmu, java.util.List.of())).containsExactly(WASMER.toString(), "run", wasmu.toString());
        assertThat(Runtime.WASMER.aotExtension()).isEqualTo("wasmu");
    }

    @Test
    void classifierArgumentsFollowTheModuleAndWasmerGetsThemAfterADoubleDash() {
        assertThat(Runtime.WASMTIME.jitRun(WASMTIME, Compiler.CRANELIFT, WASM, java.util.List.of("--repeat", "10")))
                .endsWith(WASM.toString(), "--repeat", "10");
        assertThat(Runtime.WASMER.jitRun(WASMER, Compiler.CRANELIFT, WASM, java.util.List.of("--repeat", "10")))
                .endsWith(WASM.toString(), "--", "--repeat", "10");
    }

    @Test
    void countableArtefactsAreCompiledForAnAvx2CpuWithoutAvx512() {
        Path out = Path.of("/p/target/aot/countable/m.cwasm");
        assertThat(Runtime.WASMTIME.countableAotCompile(WASMTIME, Compiler.CRANELIFT, WASM, out))
                .contains("--target", "x86_64-unknown-linux-gnu", "-Ccranelift-haswell").endsWith("-o", out.toString());
        assertThat(Runtime.WASMER.countableAotCompile(WASMER, Compiler.CRANELIFT, WASM, out))
                .contains("--target", "avx2", "bmi2").doesNotContain("avx512f").endsWith("-o", out.toString());
    }

    @Test
    void countableCommandsCompileOnOneThread() {
        var run = dev.wasmperf.execution.Command.of(Runtime.WASMTIME.jitRun(WASMTIME, Compiler.CRANELIFT, WASM, java.util.List.of()));
        assertThat(Runtime.WASMTIME.countable(run).argv()).containsSubsequence("run", "-C", "parallel-compilation=n", WASM.toString());
        var wasmer = dev.wasmperf.execution.Command.of(Runtime.WASMER.jitRun(WASMER, Compiler.CRANELIFT, WASM, java.util.List.of()));
        assertThat(Runtime.WASMER.countable(wasmer).environment()).containsEntry("RAYON_NUM_THREADS", "1");
    }

    @Test
    void nativeHasNoRuntimeCommandLine() {
        assertThatThrownBy(() -> Runtime.NATIVE.jitRun(WASMER, Compiler.CRANELIFT, WASM, java.util.List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a WebAssembly runtime");
    }

    @Test
    void runtimesInstallIntoAVersionedDirectoryOfTheCache() {
        assertThat(Runtime.WASMER.installedBinary(Path.of("/cache"), "7.4.2")).isEqualTo(WASMER);
        assertThat(Runtime.WASMTIME.versionKey()).isEqualTo("wasmtime.version");
        assertThat(Runtime.WASMTIME.pathKey()).isEqualTo("runtime.wasmtime.path");
    }

    @Test
    void theVersionIsTheWordAfterTheRuntimeName() {
        assertThat(Runtime.WASMTIME.parseVersion("wasmtime 49.0.2 (3c8a3e79a 2026-10-02)\n")).isEqualTo("49.0.2");
        assertThat(Runtime.WASMER.parseVersion("wasmer 7.4.2\n")).isEqualTo("7.4.2");
        assertThat(Runtime.WASMER.parseVersion("wasmtime 49.0.2")).isNull();
        assertThat(Runtime.WASMER.parseVersion("")).isNull();
    }

    @Test
    void winchAndSinglepassAreChosenByTheirRuntimesFlags() {
        Path cwasm = Path.of("/p/target/aot/mobilenet-classify-simd.winch.cwasm");
        assertThat(Runtime.WASMTIME.jitRun(WASMTIME, Compiler.WINCH, WASM, java.util.List.of()))
                .containsExactly(WASMTIME.toString(), "run", "-C", "cache=n", "-C", "compiler=winch", WASM.toString());
        assertThat(Runtime.WASMTIME.aotCompile(WASMTIME, Compiler.WINCH, WASM, cwasm))
                .containsExactly(WASMTIME.toString(), "compile", "-C", "cache=n", "-C", "compiler=winch", WASM.toString(), "-o", cwasm.toString());
        assertThat(Runtime.WASMTIME.countableAotCompile(WASMTIME, Compiler.WINCH, WASM, cwasm)).containsSubsequence("compiler=winch", "--target");
        assertThat(Runtime.WASMTIME.aotRun(WASMTIME, Compiler.WINCH, cwasm, java.util.List.of()))
                .containsExactly(WASMTIME.toString(), "run", "--allow-precompiled", "-C", "compiler=winch", cwasm.toString());
        assertThat(Runtime.WASMER.jitRun(WASMER, Compiler.SINGLEPASS, WASM, java.util.List.of()))
                .containsExactly(WASMER.toString(), "run", "--singlepass", "--disable-cache", WASM.toString());
        assertThat(Runtime.WASMER.aotCompile(WASMER, Compiler.SINGLEPASS, WASM, cwasm)).contains("--singlepass").doesNotContain("--cranelift");
    }

    @Test
    void aCompilerARuntimeLacksIsRefusedByName() {
        assertThatThrownBy(() -> Runtime.WASMER.jitRun(WASMER, Compiler.WINCH, WASM, java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("wasmer has no winch compiler in this suite");
        assertThatThrownBy(() -> Runtime.WASMTIME.aotCompile(WASMTIME, Compiler.SINGLEPASS, WASM, WASM))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("wasmtime has no singlepass compiler in this suite");
    }

    @Test
    void singlepassRunsTheScalarModuleBecauseItHasNoSimd128() {
        assertThat(Compiler.SINGLEPASS.flavourFor(dev.wasmperf.artefacts.WasmFlavour.SIMD)).isEqualTo(dev.wasmperf.artefacts.WasmFlavour.SCALAR);
        assertThat(Compiler.WINCH.flavourFor(dev.wasmperf.artefacts.WasmFlavour.SIMD)).isEqualTo(dev.wasmperf.artefacts.WasmFlavour.SIMD);
        assertThat(Variant.WASMER_SINGLEPASS_AOT.compiler()).isEqualTo(Compiler.SINGLEPASS);
    }

    @Test
    void nodeRunsTheModuleThroughTheRunnerBesideItsBinaryWithEachV8Tier() {
        Path node = Path.of("/cache/runtimes/node-20.20.2/bin/node");
        String runner = "/cache/runtimes/node-20.20.2/bin/node-wasi.mjs";
        assertThat(Runtime.NODE.jitRun(node, Compiler.V8, WASM, java.util.List.of("--repeat", "3")))
                .containsExactly(node.toString(), "--no-warnings", runner, WASM.toString(), "--repeat", "3");
        assertThat(Runtime.NODE.jitRun(node, Compiler.LIFTOFF, WASM, java.util.List.of()))
                .containsExactly(node.toString(), "--no-warnings", "--liftoff-only", runner, WASM.toString());
        assertThat(Runtime.NODE.jitRun(node, Compiler.TURBOFAN, WASM, java.util.List.of()))
                .containsExactly(node.toString(), "--no-warnings", "--no-liftoff", runner, WASM.toString());
        assertThat(Runtime.NODE.countable(dev.wasmperf.execution.Command.of(Runtime.NODE.jitRun(node, Compiler.V8, WASM, java.util.List.of()))).argv())
                .containsSequence(node.toString(), "--single-threaded");
        assertThatThrownBy(() -> Runtime.NODE.jitRun(node, Compiler.CRANELIFT, WASM, java.util.List.of()))
                .hasMessage("node has no cranelift compiler in this suite");
        assertThat(Runtime.NODE.parseVersion("v20.20.2\n")).isEqualTo("20.20.2");
        assertThat(Runtime.NODE.parseVersion("node 20")).isNull();
    }

    @Test
    void wazeroRunsTheModuleWithItsCompilerOrItsInterpreterAndNothingMounted() {
        Path wazero = Path.of("/cache/runtimes/wazero-1.12.0/bin/wazero");
        assertThat(Runtime.WAZERO.jitRun(wazero, Compiler.WAZEVO, WASM, java.util.List.of("--repeat", "3")))
                .containsExactly(wazero.toString(), "run", WASM.toString(), "--repeat", "3");
        assertThat(Runtime.WAZERO.jitRun(wazero, Compiler.INTERPRETER, WASM, java.util.List.of()))
                .containsExactly(wazero.toString(), "run", "-interpreter", WASM.toString());
        assertThat(Runtime.WAZERO.countable(dev.wasmperf.execution.Command.of(Runtime.WAZERO.jitRun(wazero, Compiler.WAZEVO, WASM,
                java.util.List.of()))).environment()).containsEntry("GOMAXPROCS", "1");
        assertThatThrownBy(() -> Runtime.WAZERO.jitRun(wazero, Compiler.CRANELIFT, WASM, java.util.List.of()))
                .hasMessage("wazero has no cranelift compiler in this suite");
        assertThat(Runtime.WAZERO.versionCommand(wazero)).containsExactly(wazero.toString(), "version");
        assertThat(Runtime.WAZERO.parseVersion("v1.12.0\n")).isEqualTo("1.12.0");
        assertThat(Runtime.WASMTIME.versionCommand(WASMTIME)).containsExactly(WASMTIME.toString(), "--version");
        assertThat(Variant.WAZERO_INTERP.mode()).isEqualTo(CompilationMode.INTERP);
        assertThat(Variant.WAZERO_INTERP.mode().id()).isEqualTo("interp");
    }

    @Test
    void pulleyRunsAndPrecompilesForItsOwnTargetOnEveryHost() {
        Path cwasm = Path.of("/p/target/aot/mobilenet-classify-simd.pulley.cwasm");
        assertThat(Runtime.WASMTIME.jitRun(WASMTIME, Compiler.PULLEY, WASM, java.util.List.of()))
                .containsSubsequence("run", "-C", "cache=n", "--target", "pulley64", WASM.toString());
        assertThat(Runtime.WASMTIME.aotRun(WASMTIME, Compiler.PULLEY, cwasm, java.util.List.of()))
                .containsSubsequence("run", "--allow-precompiled", "--target", "pulley64", cwasm.toString());
        // The count's artefact is Pulley bytecode too: no x86-64 target may replace pulley64.
        assertThat(Runtime.WASMTIME.countableAotCompile(WASMTIME, Compiler.PULLEY, WASM, cwasm))
                .contains("pulley64").doesNotContain("x86_64-unknown-linux-gnu");
        assertThat(Variant.WASMTIME_PULLEY_AOT.aotExtension()).isEqualTo("pulley.cwasm");
    }

    @Test
    void chicoryRunsTheScalarModuleThroughItsRunnerInEitherMode() {
        Path chicory = Path.of("/cache/runtimes/chicory-1.7.5/bin/chicory");
        assertThat(Runtime.CHICORY.jitRun(chicory, Compiler.BYTECODE, WASM, java.util.List.of("--x")))
                .containsExactly(chicory.toString(), WASM.toString(), "--x");
        assertThat(Runtime.CHICORY.jitRun(chicory, Compiler.INTERPRETER, WASM, java.util.List.of()))
                .containsExactly(chicory.toString(), "--interpreter", WASM.toString());
        assertThat(Runtime.CHICORY.flavourFor(Compiler.INTERPRETER, dev.wasmperf.artefacts.WasmFlavour.SIMD))
                .isEqualTo(dev.wasmperf.artefacts.WasmFlavour.SCALAR);
        // wazero's interpreter has simd128: the same compiler, another runtime, the simd build.
        assertThat(Runtime.WAZERO.flavourFor(Compiler.INTERPRETER, dev.wasmperf.artefacts.WasmFlavour.SIMD))
                .isEqualTo(dev.wasmperf.artefacts.WasmFlavour.SIMD);
        assertThat(Runtime.CHICORY.parseVersion("chicory 1.7.5 (java 17.0.15)")).isEqualTo("1.7.5");
        assertThatThrownBy(() -> Runtime.CHICORY.jitRun(chicory, Compiler.GRAAL, WASM, java.util.List.of()))
                .hasMessageContaining("chicory has no graal compiler");
    }

    @Test
    void graalWasmTakesTheSameRunnerCommandLineWithItsOwnCompiler() {
        Path graal = Path.of("/cache/runtimes/graalwasm-25.0.2/bin/graalwasm");
        assertThat(Runtime.GRAALWASM.jitRun(graal, Compiler.GRAAL, WASM, java.util.List.of("--x")))
                .containsExactly(graal.toString(), WASM.toString(), "--x");
        assertThat(Runtime.GRAALWASM.jitRun(graal, Compiler.INTERPRETER, WASM, java.util.List.of()))
                .containsExactly(graal.toString(), "--interpreter", WASM.toString());
        assertThatThrownBy(() -> Runtime.GRAALWASM.jitRun(graal, Compiler.BYTECODE, WASM, java.util.List.of()))
                .hasMessageContaining("graalwasm has no bytecode compiler");
        assertThat(Runtime.GRAALWASM.flavourFor(Compiler.GRAAL, dev.wasmperf.artefacts.WasmFlavour.SIMD))
                .isEqualTo(dev.wasmperf.artefacts.WasmFlavour.SIMD);
    }
}
