package dev.wasmperf.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AllureHistoryTest {

    @TempDir
    Path dir;

    @Test
    void aHistoryAllureWroteIsWhole() throws IOException {
        Files.writeString(dir.resolve("history-trend.json"), "[{\"data\": {\"passed\": 3}}]");
        Files.writeString(dir.resolve("history.json"), "{\"abc\": {\"items\": []}}");

        assertThat(AllureReport.damage(dir)).isEmpty();
    }

    @Test
    void aCutOrForeignFileIsNamedWithWhy() throws IOException {
        Files.writeString(dir.resolve("history-trend.json"), "[{\"data\": {\"passed\": 3}}]");
        Files.writeString(dir.resolve("history.json"), "{\"abc\": {\"items\": [");
        assertThat(AllureReport.damage(dir)).hasValueSatisfying(why -> assertThat(why).startsWith("history.json: "));

        Files.writeString(dir.resolve("history.json"), "garbage");
        assertThat(AllureReport.damage(dir)).hasValueSatisfying(why -> assertThat(why).startsWith("history.json: "));

        Files.writeString(dir.resolve("history.json"), "42");
        assertThat(AllureReport.damage(dir)).hasValue("history.json is not a JSON array or object");
    }
}
