package dev.wasmperf.suite;

import dev.wasmperf.artefacts.AotArtefact;
import dev.wasmperf.artefacts.AotArtefactMismatchException;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.CompilationMode;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AOT artefacts are native code a runtime loads as it finds them. Two ways one can be wrong, on every AOT variant, with
 * the sandbox probe's artefact (compiled as the classifier's is): one byte changed after compilation, which the runtimes
 * do not notice (Wasmtime and Wasmer ran such a file here), so the suite's own SHA-256 check must refuse it before it
 * runs; and an artefact marked as made by another version of the runtime, which the runtime itself must refuse.
 */
@ExtendWith(SuiteExtension.class)
@DisplayName("AOT artefact trust: a changed artefact is refused before it runs, one from another runtime version by the runtime")
class AotTrustIT {

    static Stream<Variant> aot(Suite suite) {
        return suite.selection().selected().stream().filter(variant -> variant.mode() == CompilationMode.AOT);
    }

    @DisplayName("AOT trust:")
    @ParameterizedTest(name = "{0}: an artefact with one byte flipped is refused before it runs", allowZeroInvocations = true)
    @MethodSource("aot")
    void aFlippedByteIsRefusedBeforeItRuns(Variant variant, Suite suite) throws IOException {
        PreparedVariant probe = probe(variant, suite);
        AotArtefact compiled = probe.aot().orElseThrow();
        byte[] bytes = Files.readAllBytes(compiled.file());
        bytes[bytes.length / 2] ^= 0x10;
        Path tamperedFile = copy(suite, variant, "flipped", bytes);
        AotArtefact recorded = new AotArtefact(tamperedFile, compiled.sha256(), compiled.source(), compiled.sourceSha256(), compiled.runtime(),
                compiled.runtimeBinary(), compiled.runtimeVersion());
        PreparedVariant tampered = new PreparedVariant(variant, probe.runtimeBinary(), probe.runtimeVersion(), tamperedFile, Optional.of(recorded));

        // What the runtime alone does with it: the reason for the check, reported.
        RunResult unchecked = suite.executor().run(tampered.command(), null, suite.runTimeout());
        String alone = variant.runtime() + " " + probe.runtimeVersion() + " alone, given the flipped artefact: " + unchecked.outcome();
        System.out.println("[wasm-perf-suite] AOT trust: " + variant + ": " + alone);
        Allure.addAttachment("the runtime alone", "text/plain", alone + "\n\n" + unchecked.describe(), ".txt");

        assertThatThrownBy(() -> tampered.run(suite.executor(), new StdinPayload("empty", null), suite.runTimeout()))
                .as("%s: the suite must refuse an artefact whose hash changed", variant)
                .isInstanceOf(AotArtefactMismatchException.class)
                .hasMessageContaining("Refusing to run").hasMessageContaining(tamperedFile.toString()).hasMessageContaining(compiled.sha256());
    }

    @DisplayName("AOT trust:")
    @ParameterizedTest(name = "{0}: the runtime refuses an artefact made by another of its versions", allowZeroInvocations = true)
    @MethodSource("aot")
    void anotherVersionsArtefactIsRefusedByTheRuntime(Variant variant, Suite suite) throws IOException {
        PreparedVariant probe = probe(variant, suite);
        byte[] bytes = Files.readAllBytes(probe.aot().orElseThrow().file());
        String how = markAsAnotherVersion(variant, bytes, probe.runtimeVersion());
        Path older = copy(suite, variant, "other-version", bytes);
        PreparedVariant stale = new PreparedVariant(variant, probe.runtimeBinary(), probe.runtimeVersion(), older, Optional.empty());

        RunResult run = suite.executor().run(stale.command(), null, suite.runTimeout());
        Allure.addAttachment("run of an artefact from another version", "text/plain", how + "\n\n" + run.describe(), ".txt");
        System.out.println("[wasm-perf-suite] AOT trust: " + variant + ": " + how + " -> " + run.outcome() + ": "
                + run.stderr().lines().filter(l -> l.toLowerCase().contains("incompatible")).findFirst().orElse(""));
        assertThat(!run.timedOut() && run.signal().isEmpty() && run.exitCode().orElse(0) != 0
                && run.stderr().toLowerCase().contains("incompatible"))
                .withFailMessage("%s: %s, and %s %s did not refuse it with a message naming the incompatibility:%n%s", variant, how,
                        variant.runtime(), probe.runtimeVersion(), run.describe())
                .isTrue();
    }

    private static PreparedVariant probe(Variant variant, Suite suite) {
        PreparedVariant classifier = Availability.prepared(suite, variant);
        Reporting.describe(suite, "AOT artefact trust", "sandbox probe artefact", classifier, "An AOT artefact changed after compilation "
                + "must be refused by the suite before it runs (the runtimes load native code unchecked); one marked as made by another "
                + "runtime version must be refused by the runtime, with a message.");
        return classifier.withModule(suite.setup().artefacts().sandboxProbe(), suite.setup().aot());
    }

    /**
     * Changes the version the artefact says made it: Wasmtime's .wasmtime.engine section starts with the major version
     * before the target triple (the host's, or pulley64's); Wasmer's header ("wasmer-universal", "WASMER", two zero bytes) is followed by its format
     * version. Returns what was done.
     */
    static String markAsAnotherVersion(Variant variant, byte[] bytes, String version) {
        switch (variant.runtime().id()) {
            case "wasmtime" -> {
                String major = version.split("\\.")[0];
                // The host's triple, or Pulley's bytecode target for the Pulley variants.
                String target = variant.compiler() == dev.wasmperf.matrix.Compiler.PULLEY ? "pulley64-unknown-unknown-elf" : "x86_64-unknown-linux-gnu";
                byte[] marker = target.getBytes(StandardCharsets.US_ASCII);
                int triple = indexOf(bytes, marker, 1 << 16);
                int at = triple - 1 - major.length();
                assertThat(triple > 0 && new String(bytes, at, major.length(), StandardCharsets.US_ASCII).equals(major))
                        .withFailMessage("%s: no engine version %s before the target triple in the artefact's first 64 KiB", variant, major).isTrue();
                String other = Integer.toString(Integer.parseInt(major) - 1);
                assertThat(other).hasSameSizeAs(major);
                System.arraycopy(other.getBytes(StandardCharsets.US_ASCII), 0, bytes, at, other.length());
                return "engine version " + major + " changed to " + other + " in .wasmtime.engine";
            }
            case "wasmer" -> {
                byte[] header = "wasmer-universalWASMER".getBytes(StandardCharsets.US_ASCII);
                assertThat(indexOf(bytes, header, header.length)).withFailMessage("%s: the artefact lacks Wasmer's header", variant).isZero();
                int at = header.length + 2;
                bytes[at]--;
                return "format version byte after Wasmer's header changed from " + (bytes[at] + 1) + " to " + bytes[at];
            }
            default -> throw new AssertionError(variant + ": no known way to mark a " + variant.runtime() + " artefact as another version's");
        }
    }

    private static int indexOf(byte[] bytes, byte[] part, int within) {
        for (int i = 0; i + part.length <= Math.min(bytes.length, within); i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static Path copy(Suite suite, Variant variant, String what, byte[] bytes) throws IOException {
        Path file = suite.config().targetDir().resolve("aot-trust").resolve(variant.id() + "-" + what + ".artefact");
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
