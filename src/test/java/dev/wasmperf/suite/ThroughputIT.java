package dev.wasmperf.suite;

import com.github.noconnor.junitperf.JUnitPerfInterceptor;
import com.github.noconnor.junitperf.JUnitPerfReportingConfig;
import com.github.noconnor.junitperf.JUnitPerfTest;
import com.github.noconnor.junitperf.JUnitPerfTestActiveConfig;
import com.github.noconnor.junitperf.reporting.providers.CsvReportGenerator;
import com.github.noconnor.junitperf.reporting.providers.HtmlReportGenerator;
import dev.wasmperf.execution.Classification;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.matrix.VariantRun;
import dev.wasmperf.measure.PerfSettings;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput: JUnitPerf runs one classification per execution, a fixed number of times per variant, sequentially
 * (one thread: the machine has two cores and the suite measures the classifier, not the scheduler). Each execution's
 * wall time is recorded; PerformanceIT turns them into runs/s and compares them with the baseline. JUnitPerf's own
 * HTML and CSV reports land in target/junitperf/.
 */
@DisplayName("Throughput: runs per second of every variant (JUnitPerf)")
@ExtendWith(JUnitPerfInterceptor.class)
@Order(Order.DEFAULT + 10)
class ThroughputIT {

    private static final Path REPORTS = Path.of(System.getProperty("basedir", "."), "target", "junitperf");

    @JUnitPerfTestActiveConfig
    private static final JUnitPerfReportingConfig REPORTING = JUnitPerfReportingConfig.builder()
            .reportGenerator(new HtmlReportGenerator(REPORTS.resolve("throughput.html").toString()))
            .reportGenerator(new CsvReportGenerator(REPORTS.resolve("throughput.csv").toString()))
            .build();

    static List<Variant> variants() {
        return Suite.current().selection().selected();
    }

    @DisplayName("throughput:")
    @ParameterizedTest(name = "{0} over " + PerfSettings.THROUGHPUT_EXECUTIONS + " sequential executions")
    @MethodSource("variants")
    @JUnitPerfTest(totalExecutions = PerfSettings.THROUGHPUT_EXECUTIONS, threads = 1, durationMs = 600_000)
    void classifiesRepeatedly(Variant variant) {
        Suite suite = Suite.current();
        Assumptions.assumeFalse(suite.inContainers(), "Skipped in containers: throughput is a local figure; the container "
                + "backend measures correctness, parity, cold start and peak memory.");
        PreparedVariant prepared = Availability.prepared(variant);
        Performance performance = Performance.current();
        Reporting.describe("Performance", "throughput", prepared, PerfSettings.THROUGHPUT_EXECUTIONS + " sequential classifications of "
                + performance.settings().input() + " driven by JUnitPerf; the runs/s are judged against the baseline by PerformanceIT.");
        Allure.parameter("metric", "throughput");
        VariantRun run = prepared.run(suite.executor(), performance.request(), suite.runTimeout());
        Classification classification = Classified.of(run, "a classification (throughput run)");
        assertThat(performance.input().accepts(classification.best().index()))
                .withFailMessage("%s: a throughput run answered %s; timing a wrong answer means nothing", run.label(), classification.best())
                .isTrue();
        performance.recordThroughputRun(variant, run.result().elapsed());
    }
}
