package dev.wasmperf.suite;

import com.github.noconnor.junitperf.JUnitPerfInterceptor;
import com.github.noconnor.junitperf.JUnitPerfReportingConfig;
import com.github.noconnor.junitperf.JUnitPerfTest;
import com.github.noconnor.junitperf.JUnitPerfTestActiveConfig;
import com.github.noconnor.junitperf.reporting.providers.CsvReportGenerator;
import com.github.noconnor.junitperf.reporting.providers.HtmlReportGenerator;
import dev.wasmperf.execution.Classification;
import dev.wasmperf.format.Numbers;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.matrix.VariantRun;
import dev.wasmperf.stats.Samples;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent throughput, the serverless question: JUnitPerf runs one fresh classifier process per execution on
 * {@value #THREADS} threads at once (as many as this project's machines have cores), a fixed number of executions per
 * variant. Reported as processes per second over the whole burst with latency percentiles, in target/perf-report.md and
 * JUnitPerf's own HTML/CSV (target/junitperf/); not judged: concurrency on a 2-core VM measures the scheduler as much as
 * the runtime. Every answer must still be right.
 */
@ExtendWith({SuiteExtension.class, JUnitPerfInterceptor.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Throughput: concurrent fresh processes of every variant (JUnitPerf)")
class ThroughputIT {

    /** JUnitPerf's annotation needs compile-time constants; the project's machines have 2 cores. */
    static final int THREADS = 2;
    static final int EXECUTIONS = 20;

    @JUnitPerfTestActiveConfig
    private static final JUnitPerfReportingConfig REPORTING = JUnitPerfReportingConfig.builder()
            .reportGenerator(new HtmlReportGenerator(reports().resolve("throughput.html").toString()))
            .reportGenerator(new CsvReportGenerator(reports().resolve("throughput.csv").toString()))
            .build();

    /** One execution: when it started and ended (System.nanoTime) and its latency as the launcher measured it. */
    private record Execution(long start, long end, double latencyMs) {
    }

    private final Map<Variant, ConcurrentLinkedQueue<Execution>> executions = new ConcurrentHashMap<>();
    private Suite suite;

    private static Path reports() {
        return Path.of(System.getProperty("basedir", "."), "target", "junitperf");
    }

    List<Variant> variants(Suite suite) {
        return suite.selection().selected().stream().filter(v -> skipped(suite, v).isEmpty()).toList();
    }

    /** Why a selected variant sits this test out (throughput.skip.&lt;group&gt;=&lt;reason&gt;), if it does. */
    private static java.util.Optional<String> skipped(Suite suite, Variant variant) {
        return suite.config().groupKey("throughput.skip", variant.groups()).map(key -> key + ": " + suite.config().string(key));
    }

    @DisplayName("throughput:")
    @ParameterizedTest(name = "{0}, " + EXECUTIONS + " fresh processes on " + THREADS + " threads")
    @MethodSource("variants")
    @JUnitPerfTest(totalExecutions = EXECUTIONS, threads = THREADS, durationMs = 600_000)
    void classifiesConcurrently(Variant variant, Suite suite, PerformanceRun performance) {
        Assumptions.assumeTrue(suite.executor().runsAsChildren(), "Skipped in containers: concurrent throughput is a local figure.");
        this.suite = suite;
        PreparedVariant prepared = Availability.prepared(suite, variant);
        Reporting.describe(suite, "Performance", "throughput", prepared, THREADS + " fresh processes at a time classifying "
                + performance.input().name() + ", driven by JUnitPerf; reported (processes/s, latency percentiles), not judged.");
        Allure.parameter("metric", "concurrent throughput");
        long start = System.nanoTime();
        VariantRun run = prepared.run(suite.executor(), performance.request(), suite.runTimeout());
        long end = System.nanoTime();
        Classification classification = Classified.of(run, "a classification (throughput run)");
        assertThat(performance.input().accepts(classification.best().index()))
                .withFailMessage("%s: a throughput run answered %s; timing a wrong answer means nothing", run.label(), classification.best())
                .isTrue();
        executions.computeIfAbsent(variant, v -> new ConcurrentLinkedQueue<>())
                .add(new Execution(start, end, run.result().elapsed().toNanos() / 1e6));
    }

    /** The throughput section of the report, read by cli.Report after the suite. */
    @AfterAll
    void writeSection() throws IOException {
        if (suite == null || executions.isEmpty()) {
            return;
        }
        StringBuilder md = new StringBuilder("**Concurrent fresh processes** (JUnitPerf, " + THREADS + " threads, " + EXECUTIONS
                + " executions per variant): processes per second from the first start to the last end, and each process's latency "
                + "(exec to exit) as the launcher measured it.\n\n| Variant | Processes/s | Latency p50 (ms) | p90 | p99 | n |\n|---|---|---|---|---|---|\n");
        for (Variant variant : suite.selection().selected()) {
            List<Execution> runs = List.copyOf(executions.getOrDefault(variant, new ConcurrentLinkedQueue<>()));
            if (runs.isEmpty()) {
                continue;
            }
            long first = runs.stream().mapToLong(Execution::start).min().orElseThrow();
            long last = runs.stream().mapToLong(Execution::end).max().orElseThrow();
            Samples latency = Samples.of("ms", runs.stream().map(Execution::latencyMs).toList());
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", variant, Numbers.value(runs.size() / ((last - first) / 1e9)),
                    Numbers.value(latency.median()), Numbers.value(latency.quantile(0.9)), Numbers.value(latency.quantile(0.99)), runs.size()));
        }
        for (Variant variant : suite.selection().selected()) {
            skipped(suite, variant).ifPresent(reason -> md.append("\nNot run: ").append(variant).append(" (").append(reason).append(")\n"));
        }
        Path file = suite.config().targetDir().resolve("results/throughput-" + suite.executor().name() + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.append('\n').toString());
    }
}
