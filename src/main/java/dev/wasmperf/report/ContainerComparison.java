package dev.wasmperf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.stats.Samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The container run's figures beside the local run's (target/perf-report.json of the previous local mvn verify). */
public final class ContainerComparison {

    private ContainerComparison() {
    }

    public static String markdown(CampaignResult containers, Path localReport, Map<String, List<Duration>> startups) {
        JsonNode local = null;
        try {
            if (Files.isRegularFile(localReport)) {
                local = new ObjectMapper().readTree(localReport.toFile());
            }
        } catch (IOException e) {
            local = null; // shown as "-" below: the local figures are optional context
        }
        StringBuilder md = new StringBuilder("\n## Local vs container\n\n");
        md.append(local == null ? "No local report found at " + localReport + ": run `mvn verify` first for the local column.\n\n"
                : "Local figures from " + localReport.getFileName() + " (the last local `mvn verify`); container figures from this run. "
                + "The container column is the cgroup's memory peak: what "
                + "was charged to the container (its anonymous memory and the page cache it brought in), not an RSS. The "
                + "container's wall time is the probe's, inside the container, so start-up is not in it.\n\n");
        md.append("| Variant | cold start local (ms) | cold start container (ms) | max RSS local (KiB) | container cgroup peak (KiB) |\n");
        md.append("|---|---|---|---|---|\n");
        for (String subject : containers.subjects()) {
            md.append("| ").append(subject).append(" | ").append(localMedian(local, subject, Metric.COLD_START)).append(" | ")
                    .append(median(containers, subject, Metric.COLD_START)).append(" | ")
                    .append(localMedian(local, subject, Metric.PEAK_RSS)).append(" | ")
                    .append(median(containers, subject, Metric.PEAK_RSS)).append(" |\n");
        }
        md.append("\nContainer start-up (create to exit, minus the command's own time), per image:\n\n| Image | median (ms) | n |\n|---|---|---|\n");
        startups.forEach((image, values) -> {
            double[] ms = values.stream().mapToDouble(d -> d.toNanos() / 1e6).toArray();
            md.append("| ").append(image).append(" | ").append(MarkdownReport.number(Samples.of("ms", ms).median())).append(" | ")
                    .append(ms.length).append(" |\n");
        });
        return md.toString();
    }

    private static String median(CampaignResult result, String subject, Metric metric) {
        return result.find(subject, metric).map(s -> MarkdownReport.number(Samples.of(metric.unit(), s.values()).median())).orElse("-");
    }

    private static String localMedian(JsonNode local, String subject, Metric metric) {
        if (local == null) {
            return "-";
        }
        for (JsonNode row : local.path("metrics")) {
            if (row.path("variant").asText().equals(subject) && row.path("metric").asText().equals(metric.key())) {
                return MarkdownReport.number(row.path("summary").path("median").asDouble());
            }
        }
        return "-";
    }
}
