package dev.wasmperf.measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoundOrderTest {

    @Test
    void aVariantsSteadyRunsWaitForItsFirstColdRunAndTheRestKeepsItsRandomOrder() {
        List<String> order = new ArrayList<>(List.of("chicory-jit steady", "native cold", "native steady", "wasmtime-pulley-aot steady",
                "chicory-jit cold", "wasmtime-pulley-aot cold"));
        Set<String> chosen = Set.of("native");

        Campaign.steadyAfterFirstCold(order, group -> group.endsWith(" steady") && !chosen.contains(group.split(" ")[0]));

        assertThat(order).containsExactly("native cold", "native steady", "chicory-jit cold", "wasmtime-pulley-aot cold",
                "chicory-jit steady", "wasmtime-pulley-aot steady");
    }

    @Test
    void onceEveryCountIsChosenTheOrderIsUntouched() {
        List<String> shuffled = List.of("wasmer-aot steady", "native cold", "wasmer-aot cold", "native steady");
        List<String> order = new ArrayList<>(shuffled);

        Campaign.steadyAfterFirstCold(order, group -> false);

        assertThat(order).isEqualTo(shuffled);
    }
}
