package dev.wasmperf.matrix;

import dev.wasmperf.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VariantSelectionTest {

    private static final List<String> ALL = List.of("native", "native-sse2", "wasmtime-jit", "wasmtime-aot", "wasmer-jit", "wasmer-aot",
            "wasmtime-winch-jit", "wasmtime-winch-aot", "wasmer-singlepass-jit", "wasmer-singlepass-aot", "node-v8-jit", "node-liftoff-jit",
            "node-turbofan-jit", "wazero-jit", "wazero-interp", "wasmtime-pulley-interp", "wasmtime-pulley-aot", "chicory-jit", "chicory-interp", "graalwasm-jit", "graalwasm-interp");

    @Test
    void theMatrixHasEveryRuntimeCompilerAndMode() {
        assertThat(Variant.values()).extracting(Variant::id).containsExactlyElementsOf(ALL);
        assertThat(Variant.WASMER_AOT.runtime()).isEqualTo(Runtime.WASMER);
        assertThat(Variant.WASMER_AOT.mode()).isEqualTo(CompilationMode.AOT);
        assertThat(Variant.WASMTIME_JIT.runtime()).isEqualTo(Runtime.WASMTIME);
        assertThat(Variant.WASMTIME_JIT.mode()).isEqualTo(CompilationMode.JIT);
        assertThat(Variant.NATIVE.runtime().isWebAssembly()).isFalse();
        assertThat(VariantSelection.of(List.of("interp"), List.of()).selected()).containsExactly(Variant.WAZERO_INTERP,
                Variant.WASMTIME_PULLEY_INTERP, Variant.CHICORY_INTERP, Variant.GRAALWASM_INTERP);
        // A compiler group: the plain interpreters, not Pulley (which compiles to its own bytecode first).
        assertThat(VariantSelection.of(List.of("interpreter"), List.of()).selected()).containsExactly(Variant.WAZERO_INTERP,
                Variant.CHICORY_INTERP, Variant.GRAALWASM_INTERP);
        assertThat(VariantSelection.of(List.of("chicory"), List.of()).selected()).containsExactly(Variant.CHICORY_JIT, Variant.CHICORY_INTERP);
        assertThat(VariantSelection.of(List.of("wazero"), List.of()).selected()).containsExactly(Variant.WAZERO_JIT, Variant.WAZERO_INTERP);
    }

    @Test
    void allAreSelectedInMatrixOrder() {
        VariantSelection selection = VariantSelection.of(ALL, List.of());

        assertThat(selection.selected()).containsExactly(Variant.values());
        assertThat(selection.required()).isEmpty();
        assertThat(selection.isRequired(Variant.WASMER_JIT)).isFalse();
    }

    @Test
    void aSubsetKeepsTheGivenOrderAndDropsRepeats() {
        VariantSelection selection = VariantSelection.of(List.of("wasmtime-aot", "native", "wasmtime-aot"), List.of("native"));

        assertThat(selection.selected()).containsExactly(Variant.WASMTIME_AOT, Variant.NATIVE);
        assertThat(selection.isRequired(Variant.NATIVE)).isTrue();
        assertThat(selection.isRequired(Variant.WASMTIME_AOT)).isFalse();
    }

    @Test
    void anUnknownVariantFailsWithTheValidNames() {
        assertThatThrownBy(() -> VariantSelection.of(List.of("native", "wasmtim-jit"), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown variant 'wasmtim-jit' in variants")
                .hasMessageContaining("Valid variants: native, native-sse2, wasmtime-jit, wasmtime-aot, wasmer-jit, wasmer-aot, wasmtime-winch-jit,")
                .hasMessageContaining("a pattern such as wasmtime-*");
    }

    @Test
    void groupsSelectByModeRuntimeCompilerOrPattern() {
        assertThat(VariantSelection.of(List.of("all"), List.of()).selected()).containsExactly(Variant.values());
        assertThat(VariantSelection.of(List.of("aot"), List.of()).selected()).containsExactly(Variant.WASMTIME_AOT, Variant.WASMER_AOT,
                Variant.WASMTIME_WINCH_AOT, Variant.WASMER_SINGLEPASS_AOT, Variant.WASMTIME_PULLEY_AOT);
        assertThat(VariantSelection.of(List.of("native", "winch"), List.of()).selected()).containsExactly(Variant.NATIVE,
                Variant.WASMTIME_WINCH_JIT, Variant.WASMTIME_WINCH_AOT);
        assertThat(VariantSelection.of(List.of("wasmer-*"), List.of()).selected()).containsExactly(Variant.WASMER_JIT, Variant.WASMER_AOT,
                Variant.WASMER_SINGLEPASS_JIT, Variant.WASMER_SINGLEPASS_AOT);
        assertThat(VariantSelection.of(List.of("*-aot"), List.of()).selected()).hasSize(5);
        assertThat(VariantSelection.of(List.of("node"), List.of()).selected()).containsExactly(Variant.NODE_V8_JIT, Variant.NODE_LIFTOFF_JIT,
                Variant.NODE_TURBOFAN_JIT);
        assertThat(VariantSelection.of(List.of("liftoff"), List.of()).selected()).containsExactly(Variant.NODE_LIFTOFF_JIT);
    }

    @Test
    void anUnknownRequiredVariantNamesTheRequiredKey() {
        assertThatThrownBy(() -> VariantSelection.of(ALL, List.of("lucet")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown variant 'lucet' in variants.required");
    }

    @Test
    void anEmptySelectionIsAnError() {
        assertThatThrownBy(() -> VariantSelection.of(List.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("No variant selected")
                .hasMessageContaining(Variant.validIds());
    }

    @Test
    void aRequiredVariantMustBeSelected() {
        assertThatThrownBy(() -> VariantSelection.of(List.of("native"), List.of("native", "wasmer-aot")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("wasmer-aot are required")
                .hasMessageContaining("not selected (variants=native)");
    }
    @Test
    void aSetOfTheConfigurationStandsForItsNamesAndAnOverrideCanNameIt() {
        java.util.Properties file = new java.util.Properties();
        file.setProperty("variants", "quick");
        file.setProperty("variants.set.quick", "native,cranelift");
        file.setProperty("variants.set.pair", "native, wasmtime-aot");
        java.util.Properties overrides = new java.util.Properties();
        dev.wasmperf.config.SuiteConfig config = new dev.wasmperf.config.SuiteConfig(file, overrides, java.nio.file.Path.of("."));
        assertThat(VariantSelection.from(config).selected()).containsExactly(Variant.NATIVE, Variant.WASMTIME_JIT, Variant.WASMTIME_AOT,
                Variant.WASMER_JIT, Variant.WASMER_AOT);

        overrides.setProperty("variants", "Pair,wasmer-aot");
        overrides.setProperty("variants.required", "pair");
        VariantSelection selection = VariantSelection.from(config);
        assertThat(selection.selected()).containsExactly(Variant.NATIVE, Variant.WASMTIME_AOT, Variant.WASMER_AOT);
        assertThat(selection.required()).containsExactlyInAnyOrder(Variant.NATIVE, Variant.WASMTIME_AOT);

        overrides.setProperty("variants", "feild");
        overrides.remove("variants.required");
        assertThatThrownBy(() -> VariantSelection.from(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown variant 'feild'").hasMessageContaining("variants.set.<name>");
    }
}
