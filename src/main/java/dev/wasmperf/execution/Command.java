package dev.wasmperf.execution;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A program and its arguments, plus environment variables added to the caller's environment. */
public record Command(List<String> argv, Map<String, String> environment) {

    public Command {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program to run");
        }
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of());
    }

    public static Command of(String... argv) {
        return of(List.of(argv));
    }

    /** The command as a user would type it into a shell, for messages and reports. */
    public String display() {
        String env = environment.entrySet().stream()
                .map(e -> e.getKey() + "=" + quote(e.getValue()))
                .sorted()
                .collect(Collectors.joining(" "));
        String args = argv.stream().map(Command::quote).collect(Collectors.joining(" "));
        return env.isEmpty() ? args : env + " " + args;
    }

    private static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:,+@%-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return display();
    }
}
