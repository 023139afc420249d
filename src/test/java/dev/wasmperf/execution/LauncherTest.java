package dev.wasmperf.execution;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final Launcher runner = Launchers.built();

    @TempDir
    Path dir;

    @Test
    void feedsTheStdinFileAndCapturesStdout() throws IOException {
        Path stdin = dir.resolve("in.json");
        Files.writeString(stdin, "{\"image\":\"AAAA\"}");

        RunResult run = runner.run(Command.of("cat"), stdin, TIMEOUT);

        assertThat(run.exitCode()).hasValue(0);
        assertThat(run.stdout()).isEqualTo("{\"image\":\"AAAA\"}");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.timedOut()).isFalse();
    }

    @Test
    void capturesStderrAndTheExitCodeSeparately() {
        RunResult run = runner.run(Command.of("sh", "-c", "echo out; echo oops >&2; exit 2"), null, TIMEOUT);

        assertThat(run.exitCode()).hasValue(2);
        assertThat(run.exitedWith(2)).isTrue();
        assertThat(run.stdout()).isEqualTo("out\n");
        assertThat(run.stderr()).isEqualTo("oops\n");
        assertThat(run.signal()).isEmpty();
        assertThat(run.usage()).isPresent();
        assertThat(run.outcome()).startsWith("exited with code 2 (wall ");
        assertThat(run.usage().orElseThrow().minorFaults()).isPositive();
    }

    @Test
    void passesTheCommandsEnvironment() {
        RunResult run = runner.run(new Command(java.util.List.of("sh", "-c", "echo $WPS_PROBE"), Map.of("WPS_PROBE", "seen")),
                null, TIMEOUT);

        assertThat(run.stdout()).isEqualTo("seen\n");
    }

    @Test
    void measuresTheChildNotTheJvm() {
        // The JVM running this test holds far more than 30 MiB; a child exec'd straight from it could report the JVM's RSS.
        RunResult small = runner.run(Command.of("true"), null, TIMEOUT);
        // Touch 200 MiB so the measured peak must move with what the child really uses.
        RunResult big = runner.run(Command.of("python3", "-c", "b = bytearray(200 * 1024 * 1024)"), null, TIMEOUT);

        assertThat(small.usage().orElseThrow().maxRssKib()).isBetween(1L, 30_000L);
        assertThat(big.usage().orElseThrow().maxRssKib()).isGreaterThan(200_000L);
        assertThat(big.usage().orElseThrow().wall()).isLessThan(TIMEOUT);
    }

    /**
     * The command is traced only to stop it at its exec. Left traced, it would stop at every signal it receives (Go's
     * preemption signals, a JVM's safepoint faults) until the launcher let it go on: wazero's cold start was 15% slower.
     */
    @Test
    void theCommandRunsUntracedAfterItsExec() {
        RunResult run = runner.run(Command.of("sh", "-c", "grep TracerPid /proc/$$/status"), null, TIMEOUT);

        assertThat(run.exitedWith(0)).withFailMessage("%s", run.describe()).isTrue();
        assertThat(run.stdout()).isEqualTo("TracerPid:\t0\n");
    }

    @Test
    void reportsASignalThatKilledTheProcess() {
        RunResult run = runner.run(Command.of("sh", "-c", "kill -SEGV $$"), null, TIMEOUT);

        assertThat(run.signal()).hasValue(11);
        assertThat(run.exitCode()).hasValue(128 + 11);
        assertThat(run.outcome()).startsWith("was killed by signal 11 (exit code 139)");
    }

    @Test
    void killsAProcessWhoseResidentSetPassesTheCap() {
        RunResult run = runner.runCapped(Command.of("python3", "-c", "x = bytearray(300 << 20); import time; time.sleep(20)"),
                null, Duration.ofSeconds(30), 100 << 10);

        assertThat(run.timedOut()).isFalse();
        assertThat(run.signal()).hasValue(9);
        assertThat(run.stderr()).contains("wps-launch: killed at").contains("over the cap of 102400 KiB");
        assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(10));

        RunResult small = runner.runCapped(Command.of("python3", "-c", "x = bytearray(10 << 20)"), null, Duration.ofSeconds(30), 100 << 10);
        assertThat(small.exitedWith(0)).isTrue();
        assertThat(small.stderr()).isEmpty();
    }

    @Test
    void killsAHangAtTheTimeout() {
        long start = System.nanoTime();

        RunResult run = runner.run(Command.of("sleep", "30"), null, Duration.ofSeconds(1));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(run.timedOut()).isTrue();
        assertThat(run.exitCode()).isEmpty();
        assertThat(run.usage()).isEmpty();
        assertThat(run.outcome()).isEqualTo("timed out after 1s and was killed (with all its child processes)");
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
    }

    @Test
    void killsTheWholeProcessTreeAtTheTimeout() {
        // The shell prints its background child's pid, then waits; both must be gone after the timeout.
        RunResult run = runner.run(Command.of("sh", "-c", "sleep 300 & echo $!; wait"), null, Duration.ofSeconds(1));

        assertThat(run.timedOut()).isTrue();
        long grandchild = Long.parseLong(run.stdout().strip());
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false))
                .as("sleep %d still running after the timeout", grandchild)
                .isFalse();
    }

    @Test
    void aCommandThatCannotStartIsReportedAsAShellWould() {
        RunResult run = runner.run(Command.of(dir.resolve("no-such-runtime").toString()), null, TIMEOUT);

        assertThat(run.exitCode()).hasValue(127);
        assertThat(run.stderr()).contains("cannot start " + dir.resolve("no-such-runtime")).contains("no such file or directory");
        assertThat(run.describe()).contains("command: " + dir.resolve("no-such-runtime")).contains("exited with code 127");
    }

    @Test
    void aMissingLauncherSaysHowToBuildIt() {
        Launcher missing = new Launcher(dir.resolve("wps-launch"));

        assertThatThrownBy(() -> missing.run(Command.of("true"), null, TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The launcher was expected at " + dir.resolve("wps-launch"))
                .hasMessageContaining("bash src/launcher/build.sh");
    }

    @Test
    void cpuTimeHasMicrosecondResolution() {
        // A busy loop of a few milliseconds: GNU time's 10 ms steps would report 0 or 10 ms; wait4 gives microseconds.
        List<Long> micros = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RunResult run = runner.run(Command.of("sh", "-c", "i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done"), null, TIMEOUT);
            micros.add(run.usage().orElseThrow().cpu().toNanos() / 1000);
        }
        assertThat(micros).allSatisfy(us -> assertThat(us % 10_000).as("CPU time %d us is a multiple of 10 ms", us).isNotZero());
    }

    @Test
    void splitsTheResidentSetWhenAskedToSampleIt() {
        RunResult run = runner.runSamplingMemory(Command.of("python3", "-c", "import time; b = bytearray(64 * 1024 * 1024); time.sleep(0.2)"),
                null, TIMEOUT);

        ResourceUsage.MemorySplit split = run.usage().orElseThrow().memoryAtPeak().orElseThrow();
        assertThat(split.anonKib()).as("anonymous KiB at the peak").isGreaterThan(64 * 1024);
        assertThat(split.fileKib()).as("file-backed KiB (the interpreter's own files)").isPositive();
        assertThat(split.samples()).isGreaterThan(10);
    }

    @Test
    void describeShowsOnlyTheTailOfLongOutput() {
        RunResult run = runner.run(Command.of("sh", "-c", "seq 1 100 >&2; exit 1"), null, TIMEOUT);

        assertThat(run.describe()).contains("    100").contains("    86\n").doesNotContain("    85\n");
    }

    @Test
    void dropsTheNamedFilesFromThePageCacheBeforeTheCommandStarts() throws IOException {
        // fincore (util-linux) prints how much of a file is in the page cache; cat has just put all of it there.
        Path file = dir.resolve("artefact.bin");
        Files.write(file, new byte[4 << 20]);
        Command cachedBytes = Command.of("sh", "-c", "cat \"$0\" >/dev/null; fincore --bytes --noheadings --output RES \"$0\"", file.toString());
        Command afterDrop = Command.of("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString());
        runner.run(cachedBytes, null, TIMEOUT);

        assertThat(runner.run(afterDrop, null, TIMEOUT).stdout().strip()).as("cached bytes, no drop").isEqualTo(Integer.toString(4 << 20));
        assertThat(runner.runOnFreshPages(afterDrop, null, TIMEOUT, List.of(file)).stdout().strip()).as("cached bytes after the drop")
                .isEqualTo("0");
        assertThat(runner.dropsPages()).isTrue();
    }

    @Test
    void aFileThatCannotBeDroppedFailsTheRunWithItsName() {
        RunResult run = runner.runOnFreshPages(Command.of("true"), null, TIMEOUT, List.of(dir.resolve("missing.cwasm")));

        assertThat(run.exitedWith(0)).isFalse();
        assertThat(run.stderr()).contains("cannot drop " + dir.resolve("missing.cwasm") + " from the page cache");
    }

    @Test
    void aFileThePageCacheKeepsFailsTheRunInsteadOfClaimingFreshPages() throws IOException {
        // tmpfs ignores the advice to drop: a run there would silently reuse the old pages.
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no writable tmpfs at /dev/shm on this machine");
        Path file = Files.createTempFile(shm, "wps-launcher-test-", ".cwasm");
        try {
            Files.write(file, new byte[1 << 20]);
            RunResult run = runner.runOnFreshPages(Command.of("true"), null, TIMEOUT, List.of(file));

            assertThat(run.exitedWith(0)).isFalse();
            assertThat(run.stderr()).contains("cannot drop " + file).contains("kept 256 of its 256 pages")
                    .contains("perf.steady.freshPages=false");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void commandsSharingACpuArePinnedToItAndRunAtTheSameTime() {
        // Two busy loops pinned to CPU 0 take turns on it: each one's wall time covers the other's CPU time too.
        Command busy = Command.of("sh", "-c", "grep Cpus_allowed_list /proc/self/status; i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done");
        List<RunResult> runs = runner.runSharingCpu(List.of(new Executor.Start(busy, List.of()), new Executor.Start(busy, List.of())),
                null, TIMEOUT, 0);

        assertThat(runs).hasSize(2).allSatisfy(run -> {
            assertThat(run.stdout()).isEqualTo("Cpus_allowed_list:\t0\n");
            ResourceUsage usage = run.usage().orElseThrow();
            assertThat(usage.wall().toNanos()).as("wall vs own CPU time").isGreaterThan(usage.cpu().toNanos() * 3 / 2);
        });
        assertThat(runner.sharesCpu()).isTrue();
    }

    @Test
    void theCpusToPinToAreTheOnesThisProcessMayUse() {
        assertThat(Launcher.cpuList("0-1,4\n")).containsExactly(0, 1, 4);
        assertThat(Launcher.cpuList("3")).containsExactly(3);
        assertThat(runner.cpus()).isNotEmpty().allSatisfy(cpu -> assertThat(cpu).isBetween(0, 1023));
    }

    @Test
    void aCpuThatCannotBeUsedFailsTheRunWithItsNumber() {
        RunResult run = runner.runSharingCpu(List.of(new Executor.Start(Command.of("true"), List.of())), null, TIMEOUT, 1023).get(0);

        assertThat(run.exitedWith(0)).isFalse();
        assertThat(run.stderr()).contains("cannot pin to CPU 1023");
    }
}
