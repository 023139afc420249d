package dev.wasmperf.matrix;

import dev.wasmperf.artefacts.AotArtefactMismatchException;
import dev.wasmperf.artefacts.AotCompilationException;
import dev.wasmperf.artefacts.AotCompiler;
import dev.wasmperf.artefacts.ClassifierArtefacts;
import dev.wasmperf.artefacts.MissingArtefactException;
import dev.wasmperf.artefacts.Sha256;
import dev.wasmperf.artefacts.WasmFlavour;
import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.execution.Launcher;
import dev.wasmperf.execution.Launchers;
import dev.wasmperf.fixtures.StdinPayload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Variant preparation against stand-in runtimes: shell scripts that answer --version, compile and run like the real CLIs. */
class VariantPreparationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Prints its version, "compiles" by writing the -o file, and "runs" by echoing stdin. */
    private static final String FAKE_RUNTIME = """
            #!/bin/sh
            case "$1" in
              --version) echo "%s %s (stand-in)" ;;
              compile)
                out=""; prev=""
                for arg in "$@"; do [ "$prev" = "-o" ] && out="$arg"; prev="$arg"; done
                %s
                echo "machine code for $*" > "$out" ;;
              run) cat ;;
            esac
            """;

    @TempDir
    Path project;
    private Path cache;
    private Launcher runner;

    @BeforeEach
    void classifierBuilt() throws IOException {
        cache = project.resolve("cache");
        Path wasmDir = Files.createDirectories(project.resolve("target/classifier/wasm"));
        Files.writeString(wasmDir.resolve("mobilenet-classify-simd.wasm"), "\0asm simd");
        Files.writeString(wasmDir.resolve("mobilenet-classify.wasm"), "\0asm scalar");
        Path nativeDir = Files.createDirectories(project.resolve("target/classifier/native"));
        executable(nativeDir.resolve("mobilenet-classify"), "#!/bin/sh\ncat\n");
        runner = Launchers.built();
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path install(Runtime runtime, String version, String compileStep) throws IOException {
        Path binary = runtime.installedBinary(cache, version);
        Files.createDirectories(binary.getParent());
        executable(binary, String.format(FAKE_RUNTIME, runtime.id(), version, compileStep));
        return binary;
    }

    private VariantSetup setup(WasmFlavour flavour) {
        Properties file = new Properties();
        file.setProperty("cache.dir", cache.toString());
        file.setProperty("wasmtime.version", "49.0.2");
        file.setProperty("wasmer.version", "7.4.2");
        SuiteConfig config = new SuiteConfig(file, new Properties(), project);
        return new VariantSetup(new ClassifierArtefacts(config.targetDir()), flavour,
                new RuntimeLocator(config, runner, TIMEOUT), new AotCompiler(config.targetDir(), runner, TIMEOUT));
    }

    private StdinPayload payload(String content) throws IOException {
        Path file = project.resolve("request.json");
        Files.writeString(file, content);
        return new StdinPayload("request", file);
    }

    @Test
    void nativeRunsTheBuiltBinaryDirectly() throws IOException {
        Readiness readiness = Variant.NATIVE.prepare(setup(WasmFlavour.SIMD));

        PreparedVariant prepared = ((Readiness.Ready) readiness).prepared();
        assertThat(prepared.command().argv()).containsExactly(project.resolve("target/classifier/native/mobilenet-classify").toString());
        assertThat(prepared.runtimeVersion()).isEqualTo(PreparedVariant.NO_RUNTIME);
        VariantRun run = prepared.run(runner, payload("{\"image\":\"AA==\"}"), TIMEOUT);
        assertThat(run.result().stdout()).isEqualTo("{\"image\":\"AA==\"}");
        assertThat(run.label()).isEqualTo("native on request");
    }

    @Test
    void jitRunsTheConfiguredFlavourWithTheVersionFromTheBinary() throws IOException {
        Path wasmtime = install(Runtime.WASMTIME, "49.0.2", "");

        PreparedVariant prepared = ((Readiness.Ready) Variant.WASMTIME_JIT.prepare(setup(WasmFlavour.SCALAR))).prepared();

        assertThat(prepared.command().argv()).containsExactly(wasmtime.toString(), "run", "-C", "cache=n",
                project.resolve("target/classifier/wasm/mobilenet-classify.wasm").toString());
        assertThat(prepared.runtimeVersion()).isEqualTo("49.0.2");
        assertThat(prepared.aot()).isEmpty();
        VariantRun run = prepared.run(runner, payload("hello"), TIMEOUT);
        assertThat(run.result().stdout()).isEqualTo("hello");
        assertThat(run.label()).isEqualTo("wasmtime-jit (wasmtime 49.0.2) on request");
    }

    @Test
    void aotCompilesIntoTargetAotAndRecordsTheHash() throws IOException {
        Path wasmer = install(Runtime.WASMER, "7.4.2", "");

        PreparedVariant prepared = ((Readiness.Ready) Variant.WASMER_AOT.prepare(setup(WasmFlavour.SIMD))).prepared();

        Path artefact = project.resolve("target/aot/mobilenet-classify-simd.wasmu");
        assertThat(prepared.command().argv()).containsExactly(wasmer.toString(), "run", artefact.toString());
        assertThat(prepared.aot()).hasValueSatisfying(aot -> {
            assertThat(aot.file()).isEqualTo(artefact);
            assertThat(aot.sha256()).isEqualTo(Sha256.of(artefact)).hasSize(64);
            assertThat(aot.runtimeVersion()).isEqualTo("7.4.2");
        });
        assertThat(Files.readString(artefact)).contains("compile --cranelift").contains("mobilenet-classify-simd.wasm");
        assertThat(Files.readString(project.resolve("target/aot/mobilenet-classify-simd.wasmu.sha256")))
                .isEqualTo(prepared.aot().orElseThrow().sha256() + "  mobilenet-classify-simd.wasmu\n");
        assertThat(prepared.run(runner, payload("x"), TIMEOUT).result().stdout()).isEqualTo("x");
    }

    @Test
    void anAotArtefactChangedAfterCompilationIsRefused() throws IOException {
        install(Runtime.WASMTIME, "49.0.2", "");
        PreparedVariant prepared = ((Readiness.Ready) Variant.WASMTIME_AOT.prepare(setup(WasmFlavour.SIMD))).prepared();
        String recorded = prepared.aot().orElseThrow().sha256();

        Files.writeString(project.resolve("target/aot/mobilenet-classify-simd.cwasm"), "someone else's machine code");

        StdinPayload input = payload("x");
        assertThatThrownBy(() -> prepared.run(runner, input, TIMEOUT))
                .isInstanceOf(AotArtefactMismatchException.class)
                .hasMessageContaining("Refusing to run the wasmtime AOT artefact")
                .hasMessageContaining(recorded)
                .hasMessageContaining(Sha256.of(project.resolve("target/aot/mobilenet-classify-simd.cwasm")));
    }

    @Test
    void aMissingRuntimeMakesTheVariantUnavailableWithTheInstallHint() {
        Readiness readiness = Variant.WASMER_JIT.prepare(setup(WasmFlavour.SIMD));

        assertThat(readiness).isInstanceOf(Readiness.Unavailable.class);
        assertThat(((Readiness.Unavailable) readiness).reason())
                .startsWith("wasmer-jit cannot run: wasmer 7.4.2")
                .contains(Runtime.WASMER.installedBinary(cache, "7.4.2").toString())
                .contains("which does not exist")
                .contains("bash ci/setup.sh")
                .contains("-Druntime.wasmer.path=");
    }

    @Test
    void aRuntimeOfAnotherVersionIsUnavailableWithBothVersions() throws IOException {
        Path binary = install(Runtime.WASMTIME, "49.0.2", "");
        Files.writeString(binary, Files.readString(binary).replace("echo \"wasmtime 49.0.2", "echo \"wasmtime 48.0.1"));

        Readiness readiness = Variant.WASMTIME_JIT.prepare(setup(WasmFlavour.SIMD));

        assertThat(((Readiness.Unavailable) readiness).reason())
                .contains("is wasmtime 48.0.1, but the suite pins wasmtime 49.0.2");
    }

    @Test
    void aFailedAotCompilationBreaksTheVariantWithTheRuntimeOutput() throws IOException {
        install(Runtime.WASMTIME, "49.0.2", "echo 'error: failed to parse module' >&2; exit 1");

        Readiness readiness = Variant.WASMTIME_AOT.prepare(setup(WasmFlavour.SIMD));

        assertThat(readiness).isInstanceOf(Readiness.Broken.class);
        assertThat(((Readiness.Broken) readiness).cause())
                .isInstanceOf(AotCompilationException.class)
                .hasMessageContaining("AOT compilation with wasmtime 49.0.2 failed")
                .hasMessageContaining("exited with code 1")
                .hasMessageContaining("error: failed to parse module");
        assertThat(project.resolve("target/aot/mobilenet-classify-simd.cwasm")).doesNotExist();
    }

    @Test
    void anUnbuiltClassifierBreaksTheVariantWithTheBuildCommand() throws IOException {
        install(Runtime.WASMTIME, "49.0.2", "");
        Files.delete(project.resolve("target/classifier/wasm/mobilenet-classify-simd.wasm"));

        Readiness readiness = Variant.WASMTIME_JIT.prepare(setup(WasmFlavour.SIMD));

        assertThat(((Readiness.Broken) readiness).cause())
                .isInstanceOf(MissingArtefactException.class)
                .hasMessageContaining("simd wasm module was expected at")
                .hasMessageContaining("mvn -DskipTests package");
    }
}
