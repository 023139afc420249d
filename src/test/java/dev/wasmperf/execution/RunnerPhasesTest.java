package dev.wasmperf.execution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunnerPhasesTest {

    @Test
    void theRunnersLineIsFoundBeforeTheGuestsOwnStderr() {
        assertThat(RunnerPhases.moduleLoadMicros("{\"runner_us\":{\"module_load\":1201271}}\nwarning from the guest\n")).contains(1201271L);
    }

    @Test
    void aRuntimeWithoutARunnerHasNone() {
        assertThat(RunnerPhases.moduleLoadMicros("")).isEmpty();
        // The guest cannot fake one inside a longer line.
        assertThat(RunnerPhases.moduleLoadMicros("x {\"runner_us\":{\"module_load\":5}}")).isEmpty();
    }
}
