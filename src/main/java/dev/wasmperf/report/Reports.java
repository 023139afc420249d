package dev.wasmperf.report;

import dev.wasmperf.judge.Comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the Markdown, JSON and CSV renderings of a comparison side by side. */
public final class Reports {

    private Reports() {
    }

    /** @return the Markdown, JSON and CSV files, in that order */
    public static List<Path> write(Path dir, String name, Comparison comparison, Path resultFile, String throughput) {
        try {
            Files.createDirectories(dir);
            Path md = Files.writeString(dir.resolve(name + ".md"), PerfReport.markdown(comparison, throughput));
            Path json = Files.writeString(dir.resolve(name + ".json"), JsonReport.render(comparison, resultFile.toString()));
            Path csv = Files.writeString(dir.resolve(name + ".csv"), CsvReport.render(comparison));
            return List.of(md, json, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the reports into " + dir, e);
        }
    }
}
