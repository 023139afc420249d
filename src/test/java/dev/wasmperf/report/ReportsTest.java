package dev.wasmperf.report;

import dev.wasmperf.judge.Comparison;
import dev.wasmperf.judge.Judge;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.judge.Tolerances;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.ResultSetBuilder;
import dev.wasmperf.results.SampleKind;
import dev.wasmperf.results.Values;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportsTest {

    @TempDir
    Path dir;

    private static Comparison comparison() {
        ResultSetBuilder run = ResultSetBuilder.on(ResultSetBuilder.ZEN4).subject("native", BuildRole.CANDIDATE, 1000)
                .subject("native", BuildRole.REFERENCE, 1000)
                .rounds("native", SampleKind.COLD, Values.WALL_MS, 30, 31, 30, 29, 30, 31)
                .rounds("native (reference)", SampleKind.COLD, Values.WALL_MS, 30, 30, 31, 29, 30, 30);
        return Judge.compare(run.build(), Optional.empty(), new JudgeSettings(0.95, new Tolerances(Map.of(), Map.of()), 6));
    }

    @Test
    void aFullDiskLeavesTheEarlierReportWholeAndSaysHowToWriteItAgain() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()).redirectErrorStream(true).start();
        String mountOutput = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor() == 0, "Skipped: filling a disk needs a small tmpfs, and mounting one needs root here (" + mountOutput.strip() + ")");
        try {
            Path resultFile = dir.resolve("latest-local.json");
            Reports.write(disk, "perf-report", comparison(), resultFile, "", "");
            String before = Files.readString(disk.resolve("perf-report.md"));
            fill(disk.resolve("filler"));

            assertThatThrownBy(() -> Reports.write(disk, "perf-report", comparison(), resultFile, "", ""))
                    .hasMessageContaining("Cannot write the report " + disk.resolve("perf-report.md"))
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining(resultFile.toString())
                    .hasMessageContaining("mvn -q exec:java@report");
            assertThat(Files.readString(disk.resolve("perf-report.md"))).isEqualTo(before);
            assertThat(disk.resolve("perf-report.md.tmp")).doesNotExist();
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    private static void fill(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left on device");
        }
    }
}
