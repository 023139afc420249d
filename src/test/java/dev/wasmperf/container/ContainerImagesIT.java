package dev.wasmperf.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.fixtures.FixtureManifest;
import dev.wasmperf.fixtures.InputFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The container backend does not care where the host keeps its files: an image built from artefacts under /tmp (which
 * every container hides under its own tmpfs) still runs, and a command whose file is not in the image is an
 * infrastructure error naming the path and the image. Needs a Docker engine: runs with -Pcontainers (where a missing
 * engine fails it) and is skipped, saying so, in a local run without one.
 */
@DisplayName("Container images hold the command's files at fixed paths, wherever they live on the host")
class ContainerImagesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static SuiteConfig config;

    @BeforeAll
    static void engine() {
        config = SuiteConfig.load();
        String unavailable = ContainerExecutor.unavailableReason();
        Path probe = probe();
        boolean containers = "containers".equals(config.find("backend").orElse("local"));
        if (unavailable != null || !Files.isRegularFile(probe)) {
            String why = unavailable != null ? unavailable : "no launcher at " + probe + " (the containers' entrypoint; mvn verify builds it)";
            if (containers) {
                fail("The container backend cannot be tested: " + why);
            }
            Assumptions.abort("Skipped in this local run: " + why + ". 'mvn verify -Pcontainers' runs it.");
        }
    }

    @Test
    void aClassifierCopiedUnderTmpRunsInItsImage() throws IOException {
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "wps-container-test-");
        try {
            Path binary = nativeClassifierIn(scratch);
            Path request = new InputFiles(scratch).request(chelsea()).file();
            ContainerExecutor executor = executor(scratch);

            executor.check(Command.of(binary.toString()), TIMEOUT);
            RunResult run = executor.run(Command.of(binary.toString()), request, TIMEOUT);

            assertThat(run.exitedWith(0)).withFailMessage("the classifier in the image failed:%n%s", run.describe()).isTrue();
            assertThat(run.stdout()).contains("\"index\":286");
        } finally {
            delete(scratch);
        }
    }

    /**
     * Steady runs drop the artefact's pages before they start (perf.steady.freshPages). Inside a container the file is
     * the image's copy on overlayfs: the drop must reach the page cache of the file underneath, which the launcher checks
     * right after it (mincore) and reports.
     */
    @Test
    void freshPagesReachTheImagesCopyOfTheArtefact() throws IOException {
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "wps-container-test-");
        try {
            Path binary = nativeClassifierIn(scratch);
            Path request = new InputFiles(scratch).request(chelsea()).file();
            ContainerExecutor executor = executor(scratch);
            Command command = Command.of(binary.toString());
            executor.check(command, TIMEOUT);
            executor.run(command, request, TIMEOUT); // the binary is now in the page cache

            JsonNode report = executor.launcherReport(command, request, TIMEOUT, List.of(binary));
            RunResult fresh = executor.runOnFreshPages(command, request, TIMEOUT, List.of(binary));

            assertThat(executor.dropsPages()).isTrue();
            assertThat(report.path("error").isMissingNode()).withFailMessage("the launcher reported: %s", report).isTrue();
            JsonNode drop = report.path("dropped").path(0);
            assertThat(drop.path("file").asText()).isEqualTo(ContainerImages.IN_IMAGE + "/mobilenet-classify");
            assertThat(drop.path("pages").asInt()).withFailMessage("no pages counted: %s", report).isGreaterThan(100);
            assertThat(drop.path("resident_after").asInt())
                    .withFailMessage("the drop left %s of %s pages of the image's copy in the page cache",
                            drop.path("resident_after"), drop.path("pages"))
                    .isZero();
            assertThat(fresh.exitedWith(0)).withFailMessage("the run on fresh pages failed:%n%s", fresh.describe()).isTrue();
            assertThat(fresh.stdout()).contains("\"index\":286");
        } finally {
            delete(scratch);
        }
    }

    @Test
    void aFileTheImageLacksIsAnInfrastructureErrorNamingPathAndImage() throws IOException {
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "wps-container-test-");
        try {
            ContainerExecutor executor = executor(scratch);
            // The path does not exist on the host either, so no image can hold it: exactly what the probe must catch.
            Command command = Command.of(config.targetDir().resolve("classifier/native/mobilenet-classify").toString(),
                    scratch.resolve("gone.wasm").toString());

            assertThatThrownBy(() -> executor.check(command, TIMEOUT))
                    .isInstanceOf(ContainerImageException.class)
                    .hasMessageContaining("Infrastructure error")
                    .hasMessageContaining(scratch.resolve("gone.wasm").toString())
                    .hasMessageContaining(ContainerImages.REPOSITORY + "/mobilenet-classify:");
        } finally {
            delete(scratch);
        }
    }

    private static Path nativeClassifierIn(Path scratch) throws IOException {
        Path binary = scratch.resolve("mobilenet-classify");
        Files.copy(config.targetDir().resolve("classifier/native/mobilenet-classify"), binary, StandardCopyOption.COPY_ATTRIBUTES);
        return binary;
    }

    private static Fixture chelsea() {
        return FixtureManifest.load(config.path("fixtures.dir")).fixtures().stream()
                .filter(f -> f.name().equals("chelsea")).findFirst().orElseThrow();
    }

    private static ContainerExecutor executor(Path scratch) {
        return new ContainerExecutor(new ContainerImages(config.projectDir().resolve("src/container"), probe(),
                scratch.resolve("contexts")), new ContainerExecutor.Isolation("", 512));
    }

    private static Path probe() {
        return config.targetDir().resolve("launcher/wps-launch");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
