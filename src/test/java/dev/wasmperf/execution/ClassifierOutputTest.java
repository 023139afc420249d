package dev.wasmperf.execution;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierOutputTest {

    private static final String SUCCESS = "{\"top\":[{\"index\":286,\"label\":\"Egyptian cat\",\"score\":0.8203125},"
            + "{\"index\":285,\"label\":\"tiger cat\",\"score\":0.0859375}],"
            + "\"model_sha256\":\"7aad0c74\",\"phases_us\":{\"decode\":123,\"preprocess\":456,\"inference\":12000,\"total\":13000}}\n";

    private static RunResult exited(int code, String stdout, String stderr) {
        return new RunResult(Command.of("mobilenet-classify"), OptionalInt.of(code), OptionalInt.empty(), stdout, stderr,
                Optional.empty(), Duration.ofMillis(100), false, Duration.ofSeconds(60));
    }

    @Test
    void parsesASuccessfulClassification() {
        ClassifierOutput output = ClassifierOutput.of(exited(0, SUCCESS, ""));

        assertThat(output).isInstanceOf(Classification.class);
        Classification c = (Classification) output;
        assertThat(c.top()).containsExactly(new Prediction(286, "Egyptian cat", 0.8203125), new Prediction(285, "tiger cat", 0.0859375));
        assertThat(c.best().index()).isEqualTo(286);
        assertThat(c.modelSha256()).isEqualTo("7aad0c74");
        assertThat(c.phasesUs()).isEqualTo(Map.of("decode", 123L, "preprocess", 456L, "inference", 12000L, "total", 13000L));
        assertThat(c.summary()).startsWith("classified as 286 Egyptian cat (0.8203125); top-2:");
    }

    @Test
    void parsesARejectedInput() {
        ClassifierOutput output = ClassifierOutput.of(exited(2,
                "{\"error\":{\"kind\":\"invalid_base64\",\"message\":\"Invalid byte 33, offset 3.\"}}", ""));

        assertThat(output).isEqualTo(new ClassifierError("invalid_base64", "Invalid byte 33, offset 3.", 2));
        assertThat(output.summary()).isEqualTo("rejected the input with error kind 'invalid_base64' (exit code 2): Invalid byte 33, offset 3.");
    }

    @Test
    void garbageOnStdoutIsACrashThatShowsStdoutAndStderr() {
        ClassifierOutput output = ClassifierOutput.of(exited(0, "Egyptian cat 0.82", "warning: something"));

        assertThat(output).isInstanceOf(ClassifierCrash.class);
        assertThat(((ClassifierCrash) output).reason()).startsWith("exit code 0 but stdout is not one JSON object");
        assertThat(output.summary()).contains("Egyptian cat 0.82").contains("warning: something");
    }

    @Test
    void trailingTextAfterTheJsonIsACrash() {
        ClassifierOutput output = ClassifierOutput.of(exited(0, SUCCESS.strip() + " extra", ""));

        assertThat(output).isInstanceOf(ClassifierCrash.class);
    }

    @Test
    void anUnexpectedExitCodeIsACrashEvenWithValidJson() {
        ClassifierOutput output = ClassifierOutput.of(exited(134, SUCCESS, "thread 'main' panicked at src/main.rs:10"));

        assertThat(output).isInstanceOf(ClassifierCrash.class);
        assertThat(((ClassifierCrash) output).reason()).startsWith("exited with code 134");
        assertThat(output.summary()).contains("panicked at src/main.rs:10");
    }

    @Test
    void anErrorObjectWithExitCodeZeroBreaksTheContract() {
        ClassifierOutput output = ClassifierOutput.of(exited(0, "{\"error\":{\"kind\":\"empty_input\",\"message\":\"\"}}", ""));

        assertThat(output).isInstanceOf(ClassifierCrash.class);
        assertThat(((ClassifierCrash) output).reason()).contains("expected a non-empty \"top\" array");
    }

    @Test
    void aResultWithExitCodeTwoBreaksTheContract() {
        ClassifierOutput output = ClassifierOutput.of(exited(2, SUCCESS, ""));

        assertThat(((ClassifierCrash) output).reason()).contains("expected an \"error\" object");
    }

    @Test
    void aMalformedTopEntryIsNamed() {
        ClassifierOutput output = ClassifierOutput.of(exited(0,
                "{\"top\":[{\"index\":\"286\",\"label\":\"Egyptian cat\",\"score\":0.8}],\"model_sha256\":\"x\",\"phases_us\":{}}", ""));

        assertThat(((ClassifierCrash) output).reason()).contains("integer \"index\"").contains("\"286\"");
    }

    @Test
    void aFractionalPhaseTimeIsNamed() {
        ClassifierOutput output = ClassifierOutput.of(exited(0, SUCCESS.replace("\"decode\":123", "\"decode\":1.5"), ""));

        assertThat(((ClassifierCrash) output).reason()).contains("phases_us.decode must be a whole number of microseconds, got 1.5");
    }

    @Test
    void emptyStdoutIsACrash() {
        ClassifierOutput output = ClassifierOutput.of(exited(2, "", ""));

        assertThat(((ClassifierCrash) output).reason()).startsWith("exit code 2 but stdout is not one JSON object");
    }

    @Test
    void aTimeoutIsACrashThatSaysSo() {
        RunResult timedOut = new RunResult(Command.of("wasmer", "run", "x.wasm"), OptionalInt.empty(), OptionalInt.empty(), "", "",
                Optional.empty(), Duration.ofSeconds(60), true, Duration.ofSeconds(60));

        ClassifierOutput output = ClassifierOutput.of(timedOut);

        assertThat(((ClassifierCrash) output).reason()).isEqualTo("timed out after 60s and was killed (with all its child processes)");
        assertThat(output.summary()).contains("command: wasmer run x.wasm");
    }

    @Test
    void predictionsCompareExactly() {
        assertThat(List.of(new Prediction(1, "a", 0.5))).isEqualTo(List.of(new Prediction(1, "a", 0.5)));
        assertThat(new Prediction(1, "a", 0.5)).isNotEqualTo(new Prediction(1, "a", 0.50390625));
    }
}
