package dev.wasmperf.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.execution.ResourceUsage;
import dev.wasmperf.execution.RunResult;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each classification in a fresh container of a locally built image, with a CPU set, a memory limit, no
 * network and a read-only root. The probe inside times the command itself, so the wall time excludes container
 * start-up (kept apart in {@link #startups()}), and reports the container's cgroup memory peak as max RSS.
 */
public final class ContainerExecutor implements Executor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContainerImages images;
    private final Isolation isolation;
    private final Map<String, List<Duration>> startups = new ConcurrentHashMap<>();

    /** @param cpuset CPUs the container may use ("1"), empty for no pinning; memoryMib the hard limit, swap included */
    public record Isolation(String cpuset, long memoryMib) {
    }

    public ContainerExecutor(ContainerImages images, Isolation isolation) {
        this.images = images;
        this.isolation = isolation;
    }

    /** Null when a Docker engine answers, else why not (the tests skip or fail with it). */
    public static String unavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null
                    : "no Docker engine answers (start one with 'bash ci/start-docker.sh'; 'bash ci/setup.sh' installs it)";
        } catch (RuntimeException e) {
            return "Docker is not usable: " + e.getMessage();
        }
    }

    @Override
    public String name() {
        return "containers";
    }

    /** Container start-up (create to exit, minus the command's own time), per image. */
    public Map<String, List<Duration>> startups() {
        return Map.copyOf(startups);
    }

    @Override
    public RunResult run(Command command, Path stdin, Duration timeout) {
        String image = images.imageFor(command);
        Path input = stdin != null ? stdin.toAbsolutePath() : emptyInput();
        List<String> args = new ArrayList<>(List.of("--stdin", "/in/request.json", "--"));
        args.addAll(command.argv());
        long started = System.nanoTime();
        try (GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))) {
            container.withCommand(args.toArray(String[]::new))
                    .withFileSystemBind(input.toString(), "/in/request.json", BindMode.READ_ONLY)
                    .withTmpFs(Map.of("/tmp", "rw,size=256m"))
                    .withEnv("HOME", "/tmp")
                    .withEnv(command.environment())
                    .withCreateContainerCmdModifier(create -> {
                        var host = create.getHostConfig();
                        host.withMemory(isolation.memoryMib() << 20).withMemorySwap(isolation.memoryMib() << 20)
                                .withNetworkMode("none").withReadonlyRootfs(true);
                        if (!isolation.cpuset().isBlank()) {
                            host.withCpusetCpus(isolation.cpuset());
                        }
                    })
                    .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(timeout));
            try {
                container.start();
            } catch (RuntimeException e) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                if (elapsed.compareTo(timeout) >= 0) {
                    return new RunResult(command, OptionalInt.empty(), OptionalInt.empty(), "", logs(container), Optional.empty(),
                            elapsed, true, timeout);
                }
                throw new IllegalStateException("The container for " + command.display() + " (image " + image + ") did not run: "
                        + e.getMessage() + "\nIts output: " + logs(container), e);
            }
            Duration host = Duration.ofNanos(System.nanoTime() - started);
            Boolean oomKilled = container.getCurrentContainerInfo() == null ? null
                    : container.getCurrentContainerInfo().getState().getOOMKilled();
            return toResult(command, container.getLogs(OutputFrame.OutputType.STDOUT), host, timeout, image, Boolean.TRUE.equals(oomKilled));
        }
    }

    private RunResult toResult(Command command, String probeOutput, Duration host, Duration timeout, String image, boolean containerOom) {
        JsonNode probe;
        try {
            probe = JSON.readTree(probeOutput.strip().lines().reduce((a, b) -> b).orElse("{}"));
        } catch (IOException e) {
            throw new IllegalStateException("The probe in " + image + " printed no result line for " + command.display() + ": " + probeOutput, e);
        }
        if (probe.hasNonNull("error")) {
            throw new IllegalStateException("The probe in " + image + " could not run " + command.display() + ": " + probe.get("error").asText());
        }
        Duration wall = Duration.ofNanos(probe.path("wall_ns").asLong());
        startups.computeIfAbsent(image, i -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(host.minus(wall));
        long peak = probe.path("cgroup_peak_bytes").asLong(-1);
        long rssKib = peak > 0 ? peak / 1024 : probe.path("max_rss_kib").asLong();
        String stderr = probe.path("stderr").asText();
        long oomKills = probe.path("oom_kills").asLong();
        if (oomKills > 0 || containerOom) {
            // Its own line, so reports can sort it as an out-of-memory failure rather than a crash.
            stderr += "\n[wasm-perf-suite] OOM-killed: the container's memory limit of " + isolation.memoryMib()
                    + " MiB was reached (" + oomKills + " kill(s) in its cgroup); raise container.memory.mib if that is expected.";
        }
        int signal = probe.path("signal").asInt();
        ResourceUsage usage = new ResourceUsage(wall, Duration.ofNanos(probe.path("user_ns").asLong()),
                Duration.ofNanos(probe.path("system_ns").asLong()), rssKib);
        return new RunResult(command, OptionalInt.of(probe.path("exit_code").asInt()), signal > 0 ? OptionalInt.of(signal) : OptionalInt.empty(),
                probe.path("stdout").asText(), stderr, Optional.of(usage), wall, false, timeout);
    }

    private static String logs(GenericContainer<?> container) {
        try {
            return container.getLogs();
        } catch (RuntimeException e) {
            return "(no logs: " + e.getMessage() + ")";
        }
    }

    private static Path emptyInput() {
        try {
            Path empty = Files.createTempFile("wps-empty-", ".json");
            empty.toFile().deleteOnExit();
            return empty;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create an empty stdin file", e);
        }
    }
}
