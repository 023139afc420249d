package dev.wasmperf.suite;

import dev.wasmperf.execution.Classification;
import dev.wasmperf.execution.Prediction;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.fixtures.Label;
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
@DisplayName("Correctness: every variant classifies every fixture image as the manifest expects")
class CorrectnessIT {

    static Stream<Arguments> cases(Suite suite) {
        return suite.selection().selected().stream()
                .flatMap(variant -> suite.manifest().fixtures().stream()
                        .map(fixture -> Arguments.of(variant, fixture, fixture.expected())));
    }

    @DisplayName("correctness:")
    @ParameterizedTest(name = "{0} classifies {1} as {2}")
    @MethodSource("cases")
    void classifies(Variant variant, Fixture fixture, Label expected, Suite suite) {
        PreparedVariant prepared = Availability.prepared(suite, variant);
        Reporting.describe(suite, "Correctness", fixture.name(), prepared, "Top-1 of " + fixture.image().getFileName() + " must be "
                + expected + (fixture.accepted().isEmpty() ? "" : " or one of " + fixture.accepted()) + " with a score of at least "
                + fixture.minScore() + " (fixtures/manifest.json).");
        Allure.parameter("fixture", fixture.name());
        VariantRun run = suite.run(prepared, suite.request(fixture));
        Reporting.attachOutput(run);
        Reporting.checked(run, () -> check(suite, run, fixture, expected));
    }

    private static void check(Suite suite, VariantRun run, Fixture fixture, Label expected) {
        Classification classification = Classified.of(run, "a classification of " + fixture.image().getFileName());
        Prediction best = classification.best();

        String alternatives = fixture.accepted().isEmpty() ? "" : " or an accepted alternative " + fixture.accepted();
        assertThat(fixture.accepts(best.index()))
                .withFailMessage("%s: expected top-1 %s%s, got %s.%nFull top-%d: %s%n"
                                + "What to do: if native gets it right, compare this variant with native (ParityIT). "
                                + "If every variant changed because the model or classifier changed on purpose, "
                                + "update the fixture's expected/accepted classes in %s.",
                        run.label(), expected, alternatives, best, classification.top().size(), classification.top(),
                        suite.manifest().file())
                .isTrue();
        assertThat(best.score())
                .withFailMessage("%s: top-1 %s has score %s, below the fixture's min_score %s (by %.4f).%n"
                                + "Full top-%d: %s%n"
                                + "What to do: a lower confidence for the right class usually means preprocessing changed "
                                + "(resize, colour, quantisation); if it is intended, lower min_score in %s.",
                        run.label(), best, best.score(), fixture.minScore(), fixture.minScore() - best.score(),
                        classification.top().size(), classification.top(), suite.manifest().file())
                .isGreaterThanOrEqualTo(fixture.minScore());
    }
}
