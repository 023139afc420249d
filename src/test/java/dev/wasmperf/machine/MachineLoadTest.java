package dev.wasmperf.machine;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MachineLoadTest {

    private static final String SELF = "4242 (java (fork) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 %d %d %d %d 20 0 30 0 1 2 3";

    private static String stat(long user, long system, long idle, long steal) {
        return "cpu  " + user + " 0 " + system + " " + idle + " 0 0 0 " + steal + " 0 0\n"
                + "cpu0 1 2 3 4 5 6 7 8 0 0\nintr 123\n";
    }

    @Test
    void parsesTheAggregateCpuLineAndTheSuitesOwnTicks() {
        // A command name with spaces and a ")" of its own: the fields are counted from the last ")".
        MachineLoad.Counters c = MachineLoad.Counters.parse(stat(1000, 200, 5000, 30), String.format(SELF, 50, 10, 400, 40));
        assertThat(c.total()).isEqualTo(1000 + 200 + 5000 + 30);
        assertThat(c.busy()).isEqualTo(1200);
        assertThat(c.steal()).isEqualTo(30);
        assertThat(c.suite()).isEqualTo(50 + 10 + 400 + 40);
    }

    @Test
    void otherProcessesAreTheBusyTimeTheSuiteDidNotUse() {
        MachineLoad.Counters before = MachineLoad.Counters.parse(stat(1000, 200, 5000, 30), String.format(SELF, 50, 10, 400, 40));
        // 1000 ticks pass on the machine: 600 busy, of which the suite (and its runs) used 450; 20 stolen.
        MachineLoad.Counters after = MachineLoad.Counters.parse(stat(1500, 300, 5380, 50), String.format(SELF, 100, 20, 750, 80));
        MachineLoad load = MachineLoad.between(Optional.of(before), Optional.of(after));
        assertThat(load.known()).isTrue();
        assertThat(load.otherProcesses()).isCloseTo(150 / 1000.0, within(1e-12));
        assertThat(load.stolen()).isCloseTo(20 / 1000.0, within(1e-12));
        assertThat(load.describe()).isEqualTo("other processes used 15.0% of the machine's CPU time and the hypervisor stole 2.0%");
    }

    @Test
    void missingCountersGiveUnknownNotZero() {
        assertThat(MachineLoad.between(Optional.empty(), MachineLoad.Counters.read()).known()).isFalse();
        assertThat(MachineLoad.UNKNOWN.otherProcesses()).isNaN();
        assertThat(MachineLoad.UNKNOWN.describe()).startsWith("CPU used by other processes unknown");
    }

    @Test
    void readsThisMachine() {
        // The project runs on Linux; a reading of /proc must succeed and a later one must not go backwards.
        MachineLoad.Counters first = MachineLoad.Counters.read().orElseThrow();
        MachineLoad.Counters second = MachineLoad.Counters.read().orElseThrow();
        assertThat(second.total()).isGreaterThanOrEqualTo(first.total());
        assertThat(second.suite()).isGreaterThanOrEqualTo(first.suite());
    }
}
