package dev.wasmperf.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the three renderings of a performance report into the build folder. */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Returns the files written: perf-report.md, .json and .csv under {@code targetDir}. */
    public static List<Path> write(Path targetDir, PerfReport report) {
        try {
            Files.createDirectories(targetDir);
            Path md = Files.writeString(targetDir.resolve("perf-report.md"), MarkdownReport.render(report));
            Path json = Files.writeString(targetDir.resolve("perf-report.json"), JsonReport.render(report));
            Path csv = Files.writeString(targetDir.resolve("perf-report.csv"), CsvReport.render(report));
            return List.of(md, json, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the performance report into " + targetDir, e);
        }
    }
}
