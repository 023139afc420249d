package dev.wasmperf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Build;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Turns target/allure-results into target/allure-report after the suite ran (Maven post-integration-test, cli.Report):
 * adds the context files (environment, executor, categories), our metric trends, and Allure's history from the
 * previous runs, generates the report with Allure 2's commandline, and keeps the new history (capped) in a folder
 * outside target/ so the next `mvn verify` continues the trend without anyone copying anything.
 */
public final class AllureReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter RUN_LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final SuiteConfig config;
    private final Path results;
    private final Path report;
    private final Path history;
    private final int limit;

    public AllureReport(SuiteConfig config) {
        this.config = config;
        this.results = config.targetDir().resolve("allure-results");
        this.report = config.targetDir().resolve("allure-report");
        this.history = config.path("allure.history.dir");
        this.limit = config.integer("allure.history.limit", 2);
    }

    /** @param result this run's result set, if the performance run measured one; its medians extend the metric trends */
    public void generate(Optional<ResultSet> result) throws IOException, InterruptedException {
        if (!Files.isDirectory(results)) {
            System.out.println("[wasm-perf-suite] no Allure results in " + results + " (the suite did not run); no report generated");
            return;
        }
        Optional<String> historyDamage = restoreHistory();
        writeEnvironment(result, historyDamage);
        writeExecutor();
        try (var categories = AllureReport.class.getResourceAsStream("/allure/categories.json")) {
            if (categories == null) {
                throw new IllegalStateException("Missing resource allure/categories.json (src/main/resources)");
            }
            Files.copy(categories, results.resolve("categories.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        // The trends follow the local runs: container figures are a different measurement of the same builds.
        if (result.isPresent() && "local".equals(result.get().run().backend())) {
            writeMetricTrends(result.get());
        }
        run(List.of("bash", allureHome().resolve("bin/allure").toString(), "generate", "--clean", "-o", report.toString(), results.toString()));
        saveHistory();
        System.out.println("[wasm-perf-suite] Allure report: " + report.resolve("index.html") + " (history: " + history + ")");
        System.out.println("[wasm-perf-suite] open it with: bash ci/open-report.sh");
    }

    private Path allureHome() {
        Path home = config.targetDir().resolve("allure-commandline").resolve("allure-" + config.string("allure.version"));
        if (!Files.isRegularFile(home.resolve("bin/allure"))) {
            throw new IllegalStateException("Allure's commandline was expected at " + home + " (Maven unpacks it from Maven Central at "
                    + "pre-integration-test). Run the whole lifecycle: mvn verify.");
        }
        return home;
    }

    private void writeEnvironment(Optional<ResultSet> result, Optional<String> historyDamage) throws IOException {
        Properties env = new Properties();
        env.setProperty("JDK (harness)", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        env.setProperty("Wasmtime (pinned)", config.string("wasmtime.version"));
        env.setProperty("Wasmer (pinned)", config.string("wasmer.version"));
        env.setProperty("wasm flavour", config.string("wasm.flavour"));
        result.ifPresent(r -> {
            env.setProperty("Machine", r.machine().toString());
            env.setProperty("Machine profile", r.profile());
            env.setProperty("ISA features", String.join(" ", r.machine().isa()));
            r.environment().forEach((key, value) -> env.setProperty(key, value));
            r.build(BuildRole.CANDIDATE).ifPresent(b -> env.setProperty("Candidate", b.description()));
            r.build(BuildRole.REFERENCE).ifPresent(b -> env.setProperty("Reference", b.description()));
            env.setProperty("Checkout", r.run().checkout());
            env.setProperty("Measurement", r.settings().toString());
        });
        historyDamage.ifPresent(note -> env.setProperty("History", note));
        try (var out = Files.newBufferedWriter(results.resolve("environment.properties"))) {
            env.store(out, "wasm-perf-suite run context");
        }
    }

    /** executor.json only in CI: it names the build that produced the report (GitHub Actions variables when present). */
    private void writeExecutor() throws IOException {
        if (System.getenv("CI") == null) {
            return;
        }
        ObjectNode executor = JSON.createObjectNode();
        String server = System.getenv().getOrDefault("GITHUB_SERVER_URL", "");
        String repository = System.getenv().getOrDefault("GITHUB_REPOSITORY", "");
        String runId = System.getenv().getOrDefault("GITHUB_RUN_ID", "");
        boolean github = !runId.isEmpty();
        executor.put("name", github ? "GitHub Actions" : "CI (.ci/run)");
        executor.put("type", github ? "github" : "ci");
        executor.put("buildName", github ? repository + " run " + runId : "wasm-perf-suite " + Instant.now());
        if (github) {
            executor.put("buildUrl", server + "/" + repository + "/actions/runs/" + runId);
        }
        JSON.writeValue(results.resolve("executor.json").toFile(), executor);
    }

    /** Appends this run's medians to the metric history, draws the trends, and attaches them to the report. */
    private void writeMetricTrends(ResultSet result) throws IOException {
        MetricHistory metrics = MetricHistory.load(history);
        metrics.append(RUN_LABEL.format(Instant.now()), result, limit);
        metrics.save(history);
        Map<String, String> units = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            units.put(m.key(), m.unit());
        }
        Path trendsDir = config.targetDir().resolve("perf-trends");
        Files.createDirectories(trendsDir);
        ArrayNode attachments = JSON.createArrayNode();
        StringBuilder links = new StringBuilder("\n## Trends\n\nMedian per variant over the last " + metrics.runs()
                + " runs on this machine (history: `" + history + "`):\n\n");
        for (Map.Entry<String, String> chart : metrics.charts(units).entrySet()) {
            Path file = Files.writeString(trendsDir.resolve(chart.getKey() + ".svg"), chart.getValue());
            String source = UUID.randomUUID() + "-attachment.svg";
            Files.copy(file, results.resolve(source), StandardCopyOption.REPLACE_EXISTING);
            attachments.addObject().put("name", chart.getKey() + " trend").put("source", source).put("type", "image/svg+xml");
            links.append("- [").append(chart.getKey()).append("](perf-trends/").append(chart.getKey()).append(".svg)\n");
        }
        // A result of its own, so the trend charts sit in the report's tree beside the verdicts.
        long now = System.currentTimeMillis();
        ObjectNode trend = JSON.createObjectNode();
        trend.put("uuid", UUID.randomUUID().toString());
        trend.put("historyId", "wasm-perf-suite-metric-trends");
        trend.put("name", "Metric trends over runs");
        trend.put("fullName", "dev.wasmperf.report.MetricTrends");
        trend.put("status", "passed");
        trend.put("stage", "finished");
        trend.put("description", "Median of every variant x metric per run, from " + history.resolve(MetricHistory.FILE)
                + " (newest " + limit + " runs kept). Allure's own trend counts tests; these follow the measurements.");
        trend.put("start", now);
        trend.put("stop", now);
        ArrayNode labels = trend.putArray("labels");
        labels.addObject().put("name", "epic").put("value", "Performance");
        labels.addObject().put("name", "feature").put("value", "Trends");
        labels.addObject().put("name", "suite").put("value", "Performance trends");
        trend.set("attachments", attachments);
        JSON.writeValue(results.resolve(UUID.randomUUID() + "-result.json").toFile(), trend);
        Path markdown = config.targetDir().resolve("perf-report.md");
        if (Files.isRegularFile(markdown)) {
            Files.writeString(markdown, Files.readString(markdown) + links);
        }
    }

    /**
     * Puts the saved history where Allure reads it. A damaged history (a file that is not the JSON Allure writes) would be
     * dropped by Allure without a word: it is moved aside instead, this report starts the trend again, and the returned
     * note says so (console and the report's environment).
     */
    private Optional<String> restoreHistory() throws IOException {
        Path saved = history.resolve("history");
        if (!Files.isDirectory(saved)) {
            System.out.println("[wasm-perf-suite] no Allure history yet in " + saved + ": this report starts the trend");
            return Optional.empty();
        }
        Optional<String> damage = damage(saved);
        if (damage.isPresent()) {
            Path aside = history.resolve("history.damaged-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
            Files.move(saved, aside);
            String note = "the saved Allure history was damaged (" + damage.get() + "); it was moved to " + aside + " and this report starts the trend again";
            System.out.println("[wasm-perf-suite] WARNING: " + note);
            return Optional.of(note);
        }
        Path target = results.resolve("history");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(saved)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return Optional.empty();
    }

    /** The first file of a saved history that is not a JSON array or object, with why; empty when all are. */
    static Optional<String> damage(Path saved) throws IOException {
        try (Stream<Path> files = Files.list(saved)) {
            for (Path file : files.sorted().toList()) {
                try {
                    JsonNode node = JSON.readTree(file.toFile());
                    if (node == null || !(node.isArray() || node.isObject())) {
                        return Optional.of(file.getFileName() + " is not a JSON array or object");
                    }
                } catch (IOException e) {
                    return Optional.of(file.getFileName() + ": " + e.getMessage().lines().findFirst().orElse("unreadable"));
                }
            }
        }
        return Optional.empty();
    }

    /** Keeps the new history for the next run, each trend trimmed to the newest {@code limit} runs. */
    private void saveHistory() throws IOException {
        Path generated = report.resolve("history");
        if (!Files.isDirectory(generated)) {
            throw new IllegalStateException("Allure generated no history folder in " + report);
        }
        Path saved = history.resolve("history");
        Files.createDirectories(saved);
        try (Stream<Path> files = Files.list(generated)) {
            for (Path file : files.toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                cap(node);
                Path temporary = saved.resolve(file.getFileName() + ".tmp");
                JSON.writeValue(temporary.toFile(), node);
                Files.move(temporary, saved.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** Trend files are arrays, newest first; history.json keeps per-test item lists, also newest first. */
    private void cap(JsonNode node) {
        if (node instanceof ArrayNode array) {
            while (array.size() > limit) {
                array.remove(array.size() - 1);
            }
        } else if (node instanceof ObjectNode object) {
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                JsonNode items = it.next().path("items");
                if (items instanceof ArrayNode array) {
                    while (array.size() > limit) {
                        array.remove(array.size() - 1);
                    }
                }
            }
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).inheritIO().start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("Allure report generation failed (exit code " + exit + "): " + String.join(" ", command)
                    + ". Its output is above; the results are still in target/allure-results.");
        }
    }
}
