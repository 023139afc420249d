package dev.wasmperf.execution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU time ({@code /usr/bin/time}) as the measuring parent of every run.
 * A child started straight from the JVM can inherit the JVM's RSS high-water mark across exec;
 * GNU time forks from a small image, so its %M is the classifier's own peak.
 */
final class GnuTime {

    /** Elapsed wall seconds, user CPU seconds, system CPU seconds, max RSS in KiB. */
    static final String FORMAT = "%e %U %S %M";

    private static final Pattern SIGNAL = Pattern.compile("Command terminated by signal (\\d+)");
    private static final Pattern MEASUREMENT = Pattern.compile("(\\d+(?:\\.\\d+)?) (\\d+(?:\\.\\d+)?) (\\d+(?:\\.\\d+)?) (\\d+)");

    private GnuTime() {
    }

    /** {@code time -f FORMAT -o report -- command...}: the report goes to a file so it never mixes with the classifier's stderr. */
    static Command wrap(Path timeBinary, Path report, Command command) {
        List<String> argv = new ArrayList<>(List.of(timeBinary.toString(), "-f", FORMAT, "-o", report.toString(), "--"));
        argv.addAll(command.argv());
        return new Command(argv, command.environment());
    }

    /** What GNU time wrote: the measurement, and the signal if the command was killed by one. */
    public record Report(ResourceUsage usage, OptionalInt signal) {
    }

    /**
     * Parses the report file. GNU time puts a status line ("Command exited with non-zero status 2",
     * "Command terminated by signal 9") before the formatted line when the command did not exit 0.
     */
    static Report parse(String text) {
        OptionalInt signal = OptionalInt.empty();
        Matcher signalMatch = SIGNAL.matcher(text);
        if (signalMatch.find()) {
            signal = OptionalInt.of(Integer.parseInt(signalMatch.group(1)));
        }
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        Matcher m = MEASUREMENT.matcher(last);
        if (!m.matches()) {
            throw new IllegalArgumentException("GNU time report does not end with '" + FORMAT + "' values: " + quoteForMessage(text));
        }
        ResourceUsage usage = ResourceUsage.of(seconds(m.group(1)), seconds(m.group(2)), seconds(m.group(3)),
                Long.parseLong(m.group(4)));
        return new Report(usage, signal);
    }

    private static Duration seconds(String decimal) {
        return Duration.ofNanos(Math.round(Double.parseDouble(decimal) * 1e9));
    }

    private static String quoteForMessage(String text) {
        return text.isBlank() ? "(empty)" : "'" + text.strip() + "'";
    }
}
