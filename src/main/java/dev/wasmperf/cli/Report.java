package dev.wasmperf.cli;

import dev.wasmperf.baseline.StoredResults;
import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.judge.Comparison;
import dev.wasmperf.judge.Judge;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.report.AllureReport;
import dev.wasmperf.report.Reports;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The reports of a suite run, made after the suite (Maven post-integration-test, also when it failed): the run's result
 * set judged again (the same pure comparison the tests asserted), rendered as target/perf-report{,-containers}.md/.json/.csv,
 * then the Allure report with its history and metric trends.
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws Exception {
        SuiteConfig config = SuiteConfig.load();
        String backend = config.find("backend").orElse("local");
        Path latest = config.targetDir().resolve("results/latest-" + backend + ".json");
        Optional<ResultSet> result = Optional.empty();
        if (Files.isRegularFile(latest)) {
            ResultSet current = ResultSets.read(latest);
            Optional<ResultSet> stored = "local".equals(backend)
                    ? new StoredResults(config.path("perf.baselines.dir")).load(current.profile()) : Optional.empty();
            Comparison comparison = Judge.compare(current, stored, JudgeSettings.from(config));
            Path throughput = config.targetDir().resolve("results/throughput-" + backend + ".md");
            Path imageScan = config.targetDir().resolve("results/image-scan-" + backend + ".md");
            String name = "local".equals(backend) ? "perf-report" : "perf-report-" + backend;
            var files = Reports.write(config.targetDir(), name, comparison, latest,
                    Files.isRegularFile(throughput) ? Files.readString(throughput) : "",
                    Files.isRegularFile(imageScan) ? Files.readString(imageScan) : "");
            System.out.println("[wasm-perf-suite] performance report: " + files.get(0));
            result = Optional.of(current);
        } else {
            System.out.println("[wasm-perf-suite] no result set at " + latest + " (the performance tests did not run): no performance report");
        }
        new AllureReport(config).generate(result);
    }
}
