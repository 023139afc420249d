package dev.wasmperf.results;

import dev.wasmperf.judge.Judge;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.judge.Tolerances;
import dev.wasmperf.report.VerdictTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultSetsTest {

    private static final JudgeSettings SETTINGS = new JudgeSettings(0.95, new Tolerances(Map.of(Metric.COLD_START, 0.08,
            Metric.INSTRUCTIONS, 0.01), Map.of()), 6);

    private static ResultSet run() {
        return ResultSetBuilder.on(ResultSetBuilder.ZEN4).subject("native", BuildRole.CANDIDATE, 4_608_840)
                .subject("native", BuildRole.REFERENCE, 4_608_840)
                .rounds("native", SampleKind.COLD, Values.WALL_MS, 30.123456789, 31.5, 29.25, 33.0, 30.5, 30.0, 31.0)
                .rounds("native (reference)", SampleKind.COLD, Values.WALL_MS, 30.0, 31.25, 29.5, 32.5, 30.25, 29.75, 31.5)
                .counts("native", 283_566_453, 443_908_517).counts("native (reference)", 283_566_453, 443_908_517).build();
    }

    @Test
    void aSavedResultSetIsJudgedExactlyAsTheOneInMemory(@TempDir Path dir) {
        ResultSet original = run();
        Path file = ResultSets.write(dir.resolve("run.json"), original);

        ResultSet read = ResultSets.read(file);

        assertThat(ResultSets.toJson(read)).isEqualTo(ResultSets.toJson(original));
        assertThat(VerdictTable.markdown(Judge.compare(read, Optional.empty(), SETTINGS)))
                .isEqualTo(VerdictTable.markdown(Judge.compare(original, Optional.empty(), SETTINGS)))
                .contains("| native | cold start | paired |");
    }

    @Test
    void aFileOfAnotherSchemaIsRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"schema\": 2, \"profile\": \"amd-epyc-2c\"}");

        assertThatThrownBy(() -> ResultSets.read(file)).isInstanceOf(ResultSetException.class)
                .hasMessageContaining("has result-set schema 2, this suite reads schema 1")
                .hasMessageContaining("mvn verify -Dperf.updateBaselines=true");
    }

    @Test
    void brokenOrMissingFilesNameTheCause(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ not json");

        assertThatThrownBy(() -> ResultSets.read(broken)).isInstanceOf(ResultSetException.class).hasMessageContaining("is not valid JSON");
        String whole = ResultSets.toJson(run());
        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> ResultSets.read(truncated)).isInstanceOf(ResultSetException.class).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> ResultSets.read(dir.resolve("none.json"))).isInstanceOf(ResultSetException.class)
                .hasMessageContaining("No result set at").hasMessageContaining("target/results/latest-local.json");
    }

    /** A process writing a baseline is killed at random moments: the file is always a whole result set, old or new. */
    @Test
    void aWriteKilledMidwayLeavesTheOldFileWhole(@TempDir Path dir) throws Exception {
        Path file = ResultSets.write(dir.resolve("baseline.json"), run());
        String java = ProcessHandle.current().info().command().orElse("java");
        java.util.Random random = new java.util.Random(7);
        for (int attempt = 0; attempt < 5; attempt++) {
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(writer.getInputStream())).readLine()).isEqualTo("writing");
            Thread.sleep(50 + random.nextInt(400));
            writer.destroyForcibly().waitFor();
            assertThat(ResultSets.read(file).subjects()).as("attempt %d", attempt).isNotEmpty();
        }
    }

    /** Writes a large result set to the file over and over until killed. */
    public static final class Writer {
        public static void main(String[] args) {
            ResultSetBuilder big = ResultSetBuilder.on(ResultSetBuilder.ZEN4).subject("native", BuildRole.CANDIDATE, 4_608_840);
            double[] rounds = new double[200_000];
            java.util.Arrays.setAll(rounds, i -> 30 + i % 97 / 10.0);
            ResultSet large = big.rounds("native", SampleKind.COLD, Values.WALL_MS, rounds).build();
            System.out.println("writing");
            System.out.flush();
            while (true) {
                ResultSets.write(Path.of(args[0]), large);
            }
        }
    }
}
