package dev.wasmperf.suite;

import dev.wasmperf.execution.Classification;
import dev.wasmperf.execution.Prediction;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.matrix.VariantRun;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SuiteExtension.class)
@DisplayName("Parity: every WebAssembly variant gives exactly native's top list")
class ParityIT {

    static Stream<Arguments> cases(Suite suite) {
        return suite.selection().selected().stream()
                .filter(variant -> variant != Variant.NATIVE)
                .flatMap(variant -> suite.manifest().fixtures().stream().map(fixture -> Arguments.of(variant, fixture)));
    }

    // Zero cases is legitimate: -Dvariants=native leaves nothing to compare.
    @DisplayName("parity:")
    @ParameterizedTest(name = "{0} gives native''s top list for {1}", allowZeroInvocations = true)
    @MethodSource("cases")
    void matchesNative(Variant variant, Fixture fixture, Suite suite) {
        Assumptions.assumeTrue(suite.selection().selected().contains(Variant.NATIVE),
                "Skipped: parity compares with native, which is not selected (variants=" + Variant.ids(suite.selection().selected())
                        + "). Add native to -Dvariants to run parity tests.");
        StdinPayload request = suite.request(fixture);
        VariantRun reference = suite.run(Availability.prepared(suite, Variant.NATIVE), request);
        Classification expected = Classified.of(reference, "native's classification, the reference for parity");
        PreparedVariant prepared = Availability.prepared(suite, variant);
        Reporting.describe(suite, "Parity", fixture.name(), prepared, "The variant's whole top list (index, label, score at every rank) "
                + "and model SHA-256 must equal native's for " + fixture.name() + ".");
        Allure.parameter("fixture", fixture.name());
        VariantRun run = suite.run(prepared, request);
        Reporting.attachOutput(reference);
        Reporting.attachOutput(run);
        Reporting.checked(run, () -> check(suite, variant, run, expected));
    }

    private static void check(Suite suite, Variant variant, VariantRun run, Classification expected) {
        Classification actual = Classified.of(run, "a classification to compare with native's");

        assertThat(actual.top())
                .withFailMessage("%s: the top list differs from native's; parity requires the same index, label and score "
                                + "at every rank.%n%s%n"
                                + "What to do: the wasm build computes something else than the native build. Look for "
                                + "float differences between the builds (SIMD reduction order, fused multiply-add, "
                                + "fast-math), or a stale artefact: rebuild with 'mvn -DskipTests package'.",
                        run.label(), sideBySide(variant, expected.top(), actual.top()))
                .isEqualTo(expected.top());
        assertThat(actual.modelSha256())
                .withFailMessage("%s reports model SHA-256 %s, native reports %s: the two builds embed different models. "
                                + "Rebuild both from the same model: 'mvn -DskipTests package'.",
                        run.label(), actual.modelSha256(), expected.modelSha256())
                .isEqualTo(expected.modelSha256());
    }

    /** Rank by rank, native on the left, the variant on the right, differing ranks marked. */
    static String sideBySide(Variant variant, List<Prediction> expected, List<Prediction> actual) {
        int width = Math.max("native".length(), expected.stream().mapToInt(p -> p.toString().length()).max().orElse(0)) + 2;
        String format = "  %-5s %-" + width + "s %s%s%n";
        StringBuilder table = new StringBuilder(String.format(format, "rank", "native", variant, ""));
        for (int rank = 0; rank < Math.max(expected.size(), actual.size()); rank++) {
            String left = rank < expected.size() ? expected.get(rank).toString() : "(none)";
            String right = rank < actual.size() ? actual.get(rank).toString() : "(none)";
            table.append(String.format(format, rank + 1, left, right, left.equals(right) ? "" : "   <- differs"));
        }
        return table.toString().stripTrailing();
    }
}
