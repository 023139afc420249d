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

    /**
     * Returns the files written: {@code baseName}.md, .json and .csv under {@code targetDir}.
     *
     * @param extraMarkdown appended to the markdown (the container run's side-by-side table), or empty
     */
    public static List<Path> write(Path targetDir, String baseName, PerfReport report, String extraMarkdown) {
        try {
            Files.createDirectories(targetDir);
            Path md = Files.writeString(targetDir.resolve(baseName + ".md"), MarkdownReport.render(report) + extraMarkdown);
            Path json = Files.writeString(targetDir.resolve(baseName + ".json"), JsonReport.render(report));
            Path csv = Files.writeString(targetDir.resolve(baseName + ".csv"), CsvReport.render(report));
            return List.of(md, json, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the performance report into " + targetDir, e);
        }
    }
}
