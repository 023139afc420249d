package dev.wasmperf.measure;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.matrix.Variant;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignSettingsTest {

    /** The shipped settings with some keys overridden, as -D would. */
    private static CampaignSettings settings(String... keyValues) {
        Properties file = new Properties();
        try (var in = CampaignSettingsTest.class.getResourceAsStream("/suite.properties")) {
            file.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        file.setProperty("perf.repeat", "6");
        file.setProperty("perf.repeat.max", "30");
        file.setProperty("perf.steady.millis", "120");
        file.setProperty("perf.instructions", "true");
        Properties overrides = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return CampaignSettings.from(new SuiteConfig(file, overrides, Path.of("/srv/project")));
    }

    @Test
    void aSlowVariantTakesPartInTheRoundsItsGroupDeclaresAndTheMostSpecificGroupWins() {
        CampaignSettings settings = settings("perf.rounds.interp", "6", "perf.rounds.wazero-interp", "4", "perf.rounds.winch", "10");

        assertThat(settings.roundsFor(Variant.WAZERO_INTERP)).isEqualTo(4);
        assertThat(settings.roundsFor(Variant.WASMTIME_WINCH_AOT)).isEqualTo(10);
        assertThat(settings.roundsFor(Variant.NATIVE)).isGreaterThanOrEqualTo(settings.rounds());
        assertThat(settings.describe(1)).containsEntry("rounds.wazero-interp", "4").doesNotContainKey("rounds.native");
    }

    @Test
    void aSlowVariantMayRepeatItsInferenceFewerTimesThanTheOthers() {
        CampaignSettings settings = settings("perf.repeat.interp", "1");

        assertThat(settings.repeatsFor(Variant.WAZERO_INTERP, 2000)).isEqualTo(1);
        assertThat(settings.repeatsFor(Variant.NATIVE, 2000)).isEqualTo(6);
        assertThat(settings.repeatsFor(Variant.NATIVE, 10)).isEqualTo(12);
        assertThat(settings.repeatsFor(Variant.WAZERO_INTERP, 1)).isEqualTo(30);
    }

    @Test
    void aVariantCanBeLeftOutOfTheInstructionCounts() {
        CampaignSettings settings = settings("perf.instructions.interp", "false");

        assertThat(settings.counts(Variant.WAZERO_INTERP)).isFalse();
        assertThat(settings.counts(Variant.WASMTIME_JIT)).as("a variant outside the group").isTrue();
        assertThat(settings("perf.instructions", "false").counts(Variant.NATIVE)).isFalse();
    }
}
