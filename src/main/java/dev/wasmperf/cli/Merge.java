package dev.wasmperf.cli;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.report.MergedReport;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSetException;
import dev.wasmperf.results.ResultSets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges result sets from several machines (or backends) into one report, each machine profile kept apart.
 *
 * <pre>
 *   mvn -q exec:java@merge -Dresults=zen2/latest-local.json,zen4/latest-local.json [-Dout=target/perf-merged.md]
 * </pre>
 * A folder in the list contributes every result set in it.
 */
public final class Merge {

    private Merge() {
    }

    public static void main(String[] args) throws IOException {
        String list = System.getProperty("results", String.join(",", args));
        if (list.isBlank()) {
            System.err.println("usage: mvn -q exec:java@merge -Dresults=<result set or folder>,... [-Dout=<file.md>]");
            System.exit(2);
        }
        List<ResultSet> results = new ArrayList<>();
        try {
            for (String item : list.split(",")) {
                Path path = Path.of(item.strip());
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.list(path)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().startsWith("latest-"))
                                .sorted().toList()) {
                            results.add(ResultSets.read(file));
                        }
                    }
                } else {
                    results.add(ResultSets.read(path));
                }
            }
        } catch (ResultSetException e) {
            System.err.println("merge: " + e.getMessage());
            System.exit(2);
        }
        SuiteConfig config = SuiteConfig.load();
        Path out = Path.of(System.getProperty("out", config.targetDir().resolve("perf-merged.md").toString()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, MergedReport.markdown(results, JudgeSettings.from(config)));
        System.out.println("[wasm-perf-suite] merged " + results.size() + " result sets into " + out);
    }
}
