package dev.wasmperf.config;

import dev.wasmperf.artefacts.WasmFlavour;
import dev.wasmperf.matrix.Variant;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteConfigTest {

    private static final Path PROJECT = Path.of("/srv/project");

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static SuiteConfig config(Properties file, Properties overrides) {
        return new SuiteConfig(file, overrides, PROJECT);
    }

    @Test
    void aSystemPropertyOverridesTheFile() {
        SuiteConfig config = config(props("wasmtime.version", "49.0.2"), props("wasmtime.version", "48.0.1"));

        assertThat(config.string("wasmtime.version")).isEqualTo("48.0.1");
    }

    @Test
    void theFileValueIsUsedWithoutOverride() {
        SuiteConfig config = config(props("wasmtime.version", "49.0.2"), props("unrelated", "x"));

        assertThat(config.string("wasmtime.version")).isEqualTo("49.0.2");
    }

    @Test
    void aBlankValueCountsAsAbsent() {
        SuiteConfig config = config(props("runtime.wasmer.path", "  "), new Properties());

        assertThat(config.find("runtime.wasmer.path")).isEmpty();
        assertThat(config.optionalPath("runtime.wasmer.path")).isEmpty();
    }

    @Test
    void aMissingKeyNamesTheKeyAndTheFile() {
        SuiteConfig config = config(new Properties(), new Properties());

        assertThatThrownBy(() -> config.string("timeout.run.seconds"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'timeout.run.seconds'")
                .hasMessageContaining("src/main/resources/suite.properties")
                .hasMessageContaining("-Dtimeout.run.seconds=<value>");
    }

    @Test
    void secondsParseToADuration() {
        SuiteConfig config = config(props("timeout.run.seconds", "60"), new Properties());

        assertThat(config.seconds("timeout.run.seconds")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void invalidSecondsAreRejectedWithTheValueShown() {
        SuiteConfig config = config(props("timeout.run.seconds", "1m"), props());
        SuiteConfig zero = config(props("timeout.run.seconds", "0"), props());

        assertThatThrownBy(() -> config.seconds("timeout.run.seconds"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("positive whole number of seconds")
                .hasMessageContaining("'1m'");
        assertThatThrownBy(() -> zero.seconds("timeout.run.seconds"))
                .hasMessageContaining("'0'");
    }

    @Test
    void aLeadingTildeMeansTheUserHome() {
        SuiteConfig config = config(props("cache.dir", "~/.cache/wasm-perf-suite"), props());

        assertThat(config.path("cache.dir")).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "wasm-perf-suite"));
    }

    @Test
    void relativePathsAreRelativeToTheProject() {
        SuiteConfig config = config(props("fixtures.dir", "fixtures", "time.binary", "/usr/bin/time"), props());

        assertThat(config.path("fixtures.dir")).isEqualTo(Path.of("/srv/project/fixtures"));
        assertThat(config.path("time.binary")).isEqualTo(Path.of("/usr/bin/time"));
        assertThat(config.targetDir()).isEqualTo(Path.of("/srv/project/target"));
    }

    @Test
    void listsAreCommaSeparatedAndTrimmed() {
        SuiteConfig config = config(props("variants", " native, wasmtime-aot ,,", "variants.required", ""), props());

        assertThat(config.list("variants")).containsExactly("native", "wasmtime-aot");
        assertThat(config.list("variants.required")).isEmpty();
        assertThat(config.list("absent")).isEmpty();
    }

    @Test
    void aChoiceIsMatchedCaseInsensitively() {
        assertThat(config(props("wasm.flavour", "SCALAR"), props()).choice("wasm.flavour", WasmFlavour.class))
                .isEqualTo(WasmFlavour.SCALAR);
    }

    @Test
    void anInvalidChoiceListsTheValidOnes() {
        SuiteConfig config = config(props("wasm.flavour", "sse"), props());

        assertThatThrownBy(() -> config.choice("wasm.flavour", WasmFlavour.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'sse'")
                .hasMessageContaining("[simd, scalar]");
    }

    @Test
    void loadAppliesSystemPropertyOverridesToTheShippedFile() {
        String before = System.getProperty("wasm.flavour");
        System.setProperty("wasm.flavour", "scalar");
        try {
            assertThat(SuiteConfig.load().choice("wasm.flavour", WasmFlavour.class)).isEqualTo(WasmFlavour.SCALAR);
        } finally {
            if (before == null) {
                System.clearProperty("wasm.flavour");
            } else {
                System.setProperty("wasm.flavour", before);
            }
        }
    }

    /** The real file: every key the suite reads is there, the default selection is the quick five and the field CI runs is sixteen. */
    @Test
    void theShippedFileHasEveryKeyTheSuiteReads() {
        SuiteConfig config = SuiteConfig.load();

        for (String key : List.of("cache.dir", "wasmtime.version", "wasmer.version", "wasm.flavour", "launcher.binary", "fixtures.dir",
                "valgrind.binary", "rustc.binary", "perf.baselines.dir", "perf.canary.variants", "perf.canary.work.percent",
                "perf.canary.memory.kib")) {
            assertThat(config.find(key)).as(key).isPresent();
        }
        for (String key : List.of("timeout.run.seconds", "timeout.compile.seconds", "timeout.version.seconds", "timeout.instructions.seconds")) {
            assertThat(config.seconds(key)).as(key).isPositive();
        }
        dev.wasmperf.measure.CampaignSettings campaign = dev.wasmperf.measure.CampaignSettings.from(config);
        assertThat(campaign.rounds()).as("perf.rounds").isGreaterThanOrEqualTo(6);
        assertThat(campaign.maxRounds()).as("perf.rounds.max").isGreaterThanOrEqualTo(campaign.rounds());
        dev.wasmperf.judge.JudgeSettings judging = dev.wasmperf.judge.JudgeSettings.from(config);
        for (dev.wasmperf.results.Metric judged : List.of(dev.wasmperf.results.Metric.COLD_START, dev.wasmperf.results.Metric.STEADY_CPU,
                dev.wasmperf.results.Metric.PEAK_RSS, dev.wasmperf.results.Metric.INSTRUCTIONS, dev.wasmperf.results.Metric.INSTRUCTIONS_PER_INFERENCE,
                dev.wasmperf.results.Metric.ARTEFACT_SIZE)) {
            assertThat(judging.tolerances().of(judged, false)).as("perf.tolerance." + judged.key()).isPresent();
        }
        // JIT variants have no shared steady run: their steady state is judged on the fastest repeat.
        assertThat(judging.tolerances().of(dev.wasmperf.results.Metric.STEADY_INFERENCE, true)).as("perf.tolerance.steady-inference.jit")
                .isPresent();
        assertThat(campaign.sharedMillis()).as("perf.steady.shared.millis").isPositive();
        assertThat(campaign.sharedCold()).as("perf.cold.shared").isTrue();
        assertThat(judging.tolerances().of(dev.wasmperf.results.Metric.COLD_CPU, true)).as("perf.tolerance.cold-cpu").isPresent();
        assertThat(judging.tolerances().of(dev.wasmperf.results.Metric.INSTRUCTIONS_PER_INFERENCE, true, "node")).as("node opts out").isEmpty();
        assertThat(judging.tolerances().of(dev.wasmperf.results.Metric.COLD_START, true, "node")).as("node's cold start").isPresent();
        assertThat(judging.tolerances().of(dev.wasmperf.results.Metric.STEADY_INFERENCE, true, "wasmtime")).isPresent();
        if (System.getProperty("variants") == null) {
            // The default: the quick five.
            assertThat(dev.wasmperf.matrix.VariantSelection.from(config).selected()).containsExactly(Variant.NATIVE, Variant.WASMTIME_JIT,
                    Variant.WASMTIME_AOT, Variant.WASMER_JIT, Variant.WASMER_AOT);
        }
        // The field, which CI runs: everything but the slowest interpreters and GraalWasm (2 to 30 s per classification).
        assertThat(dev.wasmperf.matrix.VariantSelection.withSetsExpanded(config, List.of("field")))
                .isEqualTo(config.list("variants.set.field"));
        List<Variant> field = dev.wasmperf.matrix.VariantSelection.of(config.list("variants.set.field"), List.of()).selected();
        assertThat(field).containsExactly(
                Variant.NATIVE, Variant.NATIVE_SSE2, Variant.WASMTIME_JIT, Variant.WASMTIME_AOT, Variant.WASMER_JIT, Variant.WASMER_AOT,
                Variant.WASMTIME_WINCH_JIT, Variant.WASMTIME_WINCH_AOT, Variant.WASMER_SINGLEPASS_JIT, Variant.WASMER_SINGLEPASS_AOT,
                Variant.NODE_V8_JIT, Variant.NODE_LIFTOFF_JIT, Variant.NODE_TURBOFAN_JIT, Variant.WAZERO_JIT, Variant.WASMTIME_PULLEY_AOT,
                Variant.CHICORY_JIT);
        // The lean twelve (.ci/run's plan when the field would not fit its budget): the field less its two slowest
        // (wasmtime-pulley-aot, chicory-jit) and V8's single-tier modes.
        List<Variant> lean = dev.wasmperf.matrix.VariantSelection.of(
                dev.wasmperf.matrix.VariantSelection.withSetsExpanded(config, List.of("lean")), List.of()).selected();
        assertThat(lean).containsExactly(Variant.NATIVE, Variant.NATIVE_SSE2, Variant.WASMTIME_JIT, Variant.WASMTIME_AOT,
                Variant.WASMER_JIT, Variant.WASMER_AOT, Variant.WASMTIME_WINCH_JIT, Variant.WASMTIME_WINCH_AOT,
                Variant.WASMER_SINGLEPASS_JIT, Variant.WASMER_SINGLEPASS_AOT, Variant.NODE_V8_JIT, Variant.WAZERO_JIT);
        assertThat(field).containsAll(lean);
        if (System.getProperty("variants.required") == null) {
            assertThat(config.list("variants.required")).as("developers' default: nothing required").isEmpty();
        }
    }
}
