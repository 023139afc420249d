package dev.wasmperf.suite;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.machine.RunLock;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;

/**
 * Gives every suite test the one {@link Suite} and {@link PerformanceRun} of this test run, kept in JUnit's root store
 * rather than in static fields: whichever test class runs first creates them, so the classes can run in any order.
 */
public final class SuiteExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteExtension.class);

    /** One test run's suite and its performance run, measured the first time a test asks. */
    record Session(Suite suite, PerformanceRun performance, RunLock lock) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Suite.class || type == PerformanceRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Session session = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Session.class, type -> {
            SuiteConfig config = SuiteConfig.load();
            // Held until this JVM exits: a second suite run on the machine is refused, naming this one.
            RunLock lock = RunLock.acquire(config.path("cache.dir").resolve("suite-run.lock"), "pid " + ProcessHandle.current().pid()
                    + ", " + config.targetDir().getParent() + ", since " + LocalTime.now().withNano(0));
            Suite suite = new Suite(config);
            forgetSections(suite);
            return new Session(suite, new PerformanceRun(suite), lock);
        }, Session.class);
        return parameter.getParameter().getType() == Suite.class ? session.suite() : session.performance();
    }

    /**
     * The report sections an earlier run's tests left (ThroughputIT's, ImageScanIT's) go before this run's tests start, so
     * a report never shows an earlier run's section beside this run's tables.
     */
    private static void forgetSections(Suite suite) {
        for (String section : List.of("throughput", "image-scan")) {
            Path file = suite.config().targetDir().resolve("results/" + section + "-" + suite.executor().name() + ".md");
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the earlier run's report section " + file + " (" + e.getMessage()
                        + "); delete it by hand or run mvn clean.", e);
            }
        }
    }
}
