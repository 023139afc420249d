package dev.wasmperf.execution;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one process run produced. {@code usage} is GNU time's measurement of the process;
 * it is absent when the run was killed at its timeout (GNU time is killed with it).
 *
 * @param exitCode exit code as GNU time passes it on (128 + signal when the process was killed by one);
 *                 empty when the run timed out
 * @param elapsed  wall-clock time seen by the JVM, including process start-up of GNU time itself
 */
public record RunResult(
        Command command,
        OptionalInt exitCode,
        OptionalInt signal,
        String stdout,
        String stderr,
        Optional<ResourceUsage> usage,
        Duration elapsed,
        boolean timedOut,
        Duration timeout) {

    /** How many lines of stderr/stdout a failure message shows. */
    public static final int TAIL_LINES = 15;

    public boolean exitedWith(int code) {
        return exitCode.isPresent() && exitCode.getAsInt() == code;
    }

    /** One line for messages: how the process ended. */
    public String outcome() {
        if (timedOut) {
            return "timed out after " + timeout.toSeconds() + "s and was killed (with all its child processes)";
        }
        String how = signal.isPresent()
                ? "was killed by signal " + signal.getAsInt() + " (exit code " + exitCode.getAsInt() + ")"
                : "exited with code " + exitCode.getAsInt();
        return how + usage.map(u -> " (" + u + ")").orElse("");
    }

    /** A multi-line account for a failure message: command, outcome, and the ends of stdout and stderr. */
    public String describe() {
        return "command: " + command.display() + "\n"
                + "outcome: " + outcome() + "\n"
                + "stdout (last " + TAIL_LINES + " lines): " + tail(stdout) + "\n"
                + "stderr (last " + TAIL_LINES + " lines): " + tail(stderr);
    }

    static String tail(String text) {
        if (text.isBlank()) {
            return "(empty)";
        }
        String[] lines = text.strip().split("\\R");
        String[] last = Arrays.copyOfRange(lines, Math.max(0, lines.length - TAIL_LINES), lines.length);
        return "\n    " + String.join("\n    ", Arrays.stream(last).map(RunResult::shorten).toList());
    }

    private static String shorten(String line) {
        // A base64 payload echoed back would otherwise drown the message.
        return line.length() <= 400 ? line : line.substring(0, 400) + "... (" + line.length() + " characters)";
    }
}
