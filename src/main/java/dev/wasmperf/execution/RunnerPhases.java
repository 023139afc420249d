package dev.wasmperf.execution;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a runner of the suite's (src/runners: Node.js, Chicory) says about its own phase before the program starts: one line
 * {@code {"runner_us":{"module_load":<microseconds>}}} on stderr, written before the program starts.
 */
public final class RunnerPhases {

    private static final Pattern LINE = Pattern.compile("^\\{\"runner_us\":\\{\"module_load\":(\\d+)}}$", Pattern.MULTILINE);

    private RunnerPhases() {
    }

    /** Parse, compile and instantiate, as the runner timed them; empty for runtimes started without a runner. */
    public static Optional<Long> moduleLoadMicros(String stderr) {
        Matcher m = LINE.matcher(stderr);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
