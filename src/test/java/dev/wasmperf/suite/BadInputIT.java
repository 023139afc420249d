package dev.wasmperf.suite;

import dev.wasmperf.execution.ClassifierError;
import dev.wasmperf.execution.ClassifierOutput;
import dev.wasmperf.fixtures.BadInput;
import dev.wasmperf.fixtures.InputFiles;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.matrix.VariantRun;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SuiteExtension.class)
@DisplayName("Bad input: every variant rejects every bad input with the manifest's error kind and exit code")
class BadInputIT {

    static Stream<Arguments> cases(Suite suite) {
        return suite.selection().selected().stream()
                .flatMap(variant -> suite.manifest().bad().stream()
                        .map(bad -> Arguments.of(variant, bad, bad.kind(), bad.exitCode())));
    }

    // A manifest may list no bad inputs; the correctness tests still guarantee the run is not empty.
    @DisplayName("bad input:")
    @ParameterizedTest(name = "{0} rejects {1} with {2} (exit code {3})", allowZeroInvocations = true)
    @MethodSource("cases")
    void rejects(Variant variant, BadInput bad, String kind, int exitCode, Suite suite) {
        PreparedVariant prepared = Availability.prepared(suite, variant);
        Reporting.describe(suite, "Bad input", bad.name(), prepared, "The classifier must reject " + bad.payload().getFileName()
                + " with error kind '" + kind + "' and exit code " + exitCode + ", never crash or trap.");
        Allure.parameter("fixture", bad.name());
        VariantRun run = suite.run(prepared, InputFiles.asIs(bad));
        Reporting.attachOutput(run);
        Reporting.checked(run, () -> check(suite, run, bad, kind, exitCode));
    }

    private static void check(Suite suite, VariantRun run, BadInput bad, String kind, int exitCode) {
        ClassifierOutput output = run.output();

        String expectation = String.format("error kind '%s' with exit code %d", kind, exitCode);
        String what = "What to do: feed " + bad.payload() + " to the command on stdin to reproduce. If the classifier's "
                + "error contract changed on purpose, update the entry \"" + bad.name() + "\" in " + suite.manifest().file() + ".";
        assertThat(output)
                .withFailMessage("%s: expected %s, but the classifier %s%n%s", run.label(), expectation, output.summary(), what)
                .isInstanceOf(ClassifierError.class);
        ClassifierError error = (ClassifierError) output;
        assertThat(error.kind())
                .withFailMessage("%s: expected %s, got error kind '%s' (exit code %d): %s%n%s",
                        run.label(), expectation, error.kind(), error.exitCode(), error.message(), what)
                .isEqualTo(kind);
        assertThat(error.exitCode())
                .withFailMessage("%s: expected %s, got exit code %d%n%s", run.label(), expectation, error.exitCode(), what)
                .isEqualTo(exitCode);
    }
}
