package dev.wasmperf.report;

import dev.wasmperf.judge.Comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes the Markdown, JSON and CSV renderings of a comparison side by side. */
public final class Reports {

    private Reports() {
    }

    /**
     * Each file is written beside its place and moved over it, so a full disk or a killed process leaves the previous
     * report whole; the message names the file, the cause and the result set the reports can be made again from.
     *
     * @return the Markdown, JSON and CSV files, in that order
     */
    public static List<Path> write(Path dir, String name, Comparison comparison, Path resultFile, String throughput,
                                   String imageScan) {
        Path current = dir;
        try {
            Files.createDirectories(dir);
            current = dir.resolve(name + ".md");
            Path md = replace(current, PerfReport.markdown(comparison, throughput, imageScan));
            current = dir.resolve(name + ".json");
            Path json = replace(current, JsonReport.render(comparison, resultFile.toString()));
            current = dir.resolve(name + ".csv");
            Path csv = replace(current, CsvReport.render(comparison));
            return List.of(md, json, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report " + current + " (" + e + "). The earlier file there, if any, is "
                    + "unchanged, and the run's result set " + resultFile + " holds everything the reports show: free space (or fix the "
                    + "folder's permissions), then write them again with 'mvn -q exec:java@report'.", e);
        }
    }

    private static Path replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, content);
            return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
