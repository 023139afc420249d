package dev.wasmperf.execution;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GnuTimeTest {

    @Test
    void wrapsTheCommandWithAReportFile() {
        Command wrapped = GnuTime.wrap(Path.of("/usr/bin/time"), Path.of("/tmp/r.txt"), Command.of("wasmtime", "run", "x.wasm"));

        assertThat(wrapped.argv()).containsExactly("/usr/bin/time", "-f", "%e %U %S %M", "-o", "/tmp/r.txt", "--",
                "wasmtime", "run", "x.wasm");
    }

    @Test
    void parsesWallUserSystemAndMaxRss() {
        GnuTime.Report report = GnuTime.parse("1.23 0.98 0.17 142820\n");

        assertThat(report.usage()).isEqualTo(ResourceUsage.of(Duration.ofMillis(1230), Duration.ofMillis(980),
                Duration.ofMillis(170), 142_820));
        assertThat(report.signal()).isEmpty();
    }

    @Test
    void skipsTheStatusLineOfANonZeroExit() {
        GnuTime.Report report = GnuTime.parse("Command exited with non-zero status 2\n0.05 0.01 0.02 5120\n");

        assertThat(report.usage().maxRssKib()).isEqualTo(5120);
        assertThat(report.usage().wall()).isEqualTo(Duration.ofMillis(50));
        assertThat(report.signal()).isEmpty();
    }

    @Test
    void readsTheSignalThatKilledTheCommand() {
        GnuTime.Report report = GnuTime.parse("Command terminated by signal 11\n0.40 0.30 0.05 90000\n");

        assertThat(report.signal()).hasValue(11);
        assertThat(report.usage().user()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void rejectsAReportWithoutMeasurements() {
        assertThatThrownBy(() -> GnuTime.parse("Command exited with non-zero status 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not end with '%e %U %S %M' values");
    }
}
