package dev.wasmperf.suite;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.machine.RunLock;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.time.LocalTime;

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
            return new Session(suite, new PerformanceRun(suite), lock);
        }, Session.class);
        return parameter.getParameter().getType() == Suite.class ? session.suite() : session.performance();
    }
}
