package dev.wasmperf.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The one JSON line wps-launch prints about a run (src/launcher/main.go), read into a {@link RunResult}. */
public final class LaunchReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LaunchReport() {
    }

    /** The last line of the launcher's output as JSON; empty when there is none. */
    public static Optional<JsonNode> parse(String output) {
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        if (!last.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(last));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The run the report describes. A command the launcher could not start reads as exit code 127 with the reason on
     * stderr, as a shell reports it.
     */
    public static RunResult toResult(Command command, JsonNode report, Duration timeout) {
        if (report.path("timed_out").asBoolean()) {
            return new RunResult(command, OptionalInt.empty(), OptionalInt.empty(), report.path("stdout").asText(),
                    report.path("stderr").asText(), Optional.empty(), Duration.ofNanos(report.path("wall_ns").asLong()), true, timeout);
        }
        if (report.hasNonNull("error")) {
            return new RunResult(command, OptionalInt.of(127), OptionalInt.empty(), "", report.get("error").asText() + "\n",
                    Optional.empty(), Duration.ZERO, false, timeout);
        }
        Duration wall = Duration.ofNanos(report.path("wall_ns").asLong());
        JsonNode peak = report.path("memory_at_peak");
        Optional<ResourceUsage.MemorySplit> split = peak.isObject() ? Optional.of(new ResourceUsage.MemorySplit(
                peak.path("rss_kib").asLong(), peak.path("anon_kib").asLong(), peak.path("file_kib").asLong(),
                peak.path("shmem_kib").asLong(), peak.path("samples").asInt())) : Optional.empty();
        ResourceUsage usage = new ResourceUsage(wall, Duration.ofNanos(report.path("user_us").asLong() * 1000),
                Duration.ofNanos(report.path("system_us").asLong() * 1000), report.path("max_rss_kib").asLong(),
                report.path("minor_faults").asLong(), report.path("major_faults").asLong(), report.path("voluntary_cs").asLong(),
                report.path("involuntary_cs").asLong(), split);
        int signal = report.path("signal").asInt();
        return new RunResult(command, OptionalInt.of(report.path("exit_code").asInt()),
                signal > 0 ? OptionalInt.of(signal) : OptionalInt.empty(), report.path("stdout").asText(),
                report.path("stderr").asText(), Optional.of(usage), wall, false, timeout);
    }
}
