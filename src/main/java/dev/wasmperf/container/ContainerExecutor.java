package dev.wasmperf.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Volume;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.execution.LaunchReport;
import dev.wasmperf.execution.ResourceUsage;
import dev.wasmperf.execution.RunResult;
import org.testcontainers.DockerClientFactory;
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
 * Runs each classification in a fresh container of an image built on the engine, with a CPU set, a memory limit, no
 * network and a read-only root. The engine is the one DOCKER_HOST names (a local socket, or TCP or SSH to another host):
 * nothing is mounted from the host, so the request is copied into the container through the engine's API. The launcher
 * inside (the image's entrypoint) times the command itself, so the wall time excludes container start-up (kept apart in
 * {@link #startups()}), and reports the container's cgroup memory peak beside the process's max RSS.
 */
public final class ContainerExecutor implements Executor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_DIR = "/in";

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

    /** Where the engine answers and its version, for the result set: "unix:///var/run/docker.sock (Docker 20.10.24)". */
    public static String engine() {
        try {
            DockerClientFactory docker = DockerClientFactory.instance();
            return docker.getTransportConfig().getDockerHost() + " (Docker " + docker.client().versionCmd().exec().getVersion() + ")";
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
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

    /** Builds the command's image and has the launcher check that every file the command names is in it. */
    @Override
    public void check(Command command, Duration timeout) {
        ContainerImages.Image image = images.imageFor(command);
        List<String> args = new ArrayList<>(List.of("--check", "--"));
        args.addAll(image.command().argv());
        JsonNode probe = probe(start(image, args, null, timeout), image);
        if (!probe.path("checked").asBoolean()) {
            throw new ContainerImageException("The launcher in " + image.tag() + " did not confirm the command's files for "
                    + image.command().display() + ": " + probe);
        }
    }

    @Override
    public RunResult run(Command command, Path stdin, Duration timeout) {
        return launch(command, stdin, timeout, List.of());
    }

    /** The launcher in the container drops the files' in-image copies, which the command then maps onto new pages. */
    @Override
    public RunResult runOnFreshPages(Command command, Path stdin, Duration timeout, List<Path> files) {
        return launch(command, stdin, timeout, files);
    }

    @Override
    public boolean dropsPages() {
        return true;
    }

    private RunResult launch(Command command, Path stdin, Duration timeout, List<Path> dropPages) {
        ContainerImages.Image image = images.imageFor(command);
        Path request = input(stdin);
        Started run = start(image, arguments(image, request, timeout, dropPages), request, timeout);
        if (run.timedOut()) {
            return new RunResult(command, OptionalInt.empty(), OptionalInt.empty(), "", run.output(), Optional.empty(),
                    run.elapsed(), true, timeout);
        }
        return toResult(command, image, probe(run, image), run.elapsed(), timeout, run.oomKilled());
    }

    /** The launcher's own account of one run, for tests of what it did beyond the run itself (the page drops). */
    JsonNode launcherReport(Command command, Path stdin, Duration timeout, List<Path> dropPages) {
        ContainerImages.Image image = images.imageFor(command);
        Path request = input(stdin);
        return probe(start(image, arguments(image, request, timeout, dropPages), request, timeout), image);
    }

    private static List<String> arguments(ContainerImages.Image image, Path request, Duration timeout, List<Path> dropPages) {
        List<String> args = new ArrayList<>(List.of("--stdin", RequestContainer.inContainer(request), "--timeout-ms", Long.toString(timeout.toMillis()),
                "--cgroup", "--check-files"));
        dropPages.forEach(file -> args.addAll(List.of("--drop-pages", image.inImage(file).toString())));
        args.add("--");
        args.addAll(image.command().argv());
        return args;
    }

    /**
     * A container that gets its request before it starts, copied through the engine's API into a volume at /in (the
     * root is read-only, and the engine refuses a copy there; Testcontainers' own copy always extracts at /).
     */
    private static final class RequestContainer extends GenericContainer<RequestContainer> {
        private final Path request;

        RequestContainer(DockerImageName image, Path request) {
            super(image);
            this.request = request;
        }

        static String inContainer(Path request) {
            return REQUEST_DIR + "/" + request.getFileName();
        }

        @Override
        protected void containerIsCreated(String containerId) {
            if (request != null) {
                getDockerClient().copyArchiveToContainerCmd(containerId).withHostResource(request.toString())
                        .withRemotePath(REQUEST_DIR).exec();
            }
        }
    }

    private static Path input(Path stdin) {
        return stdin != null ? stdin.toAbsolutePath() : emptyInput();
    }

    /** What one container run gave: the launcher's output, how long it took from the host's side, whether it was killed. */
    private record Started(String output, Duration elapsed, boolean timedOut, boolean oomKilled) {
    }

    private Started start(ContainerImages.Image image, List<String> args, Path input, Duration timeout) {
        long started = System.nanoTime();
        try (GenericContainer<?> container = new RequestContainer(DockerImageName.parse(image.tag()), input)) {
            container.withCommand(args.toArray(String[]::new))
                    .withTmpFs(Map.of("/tmp", "rw,size=256m"))
                    .withEnv("HOME", "/tmp")
                    .withEnv(image.command().environment())
                    .withCreateContainerCmdModifier(create -> {
                        // A volume, not the read-only root: the engine accepts the request's copy into it before start.
                        create.withVolumes(new Volume(REQUEST_DIR));
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
                    return new Started(logs(container), elapsed, true, false);
                }
                throw new ContainerImageException("The container of image " + image.tag() + " for " + image.command().display()
                        + " did not run: " + e.getMessage() + "\nIts output: " + logs(container), e);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Boolean oomKilled = container.getCurrentContainerInfo() == null ? null
                    : container.getCurrentContainerInfo().getState().getOOMKilled();
            return new Started(container.getLogs(OutputFrame.OutputType.STDOUT), elapsed, false, Boolean.TRUE.equals(oomKilled));
        }
    }

    /** The launcher's result line; a file missing from the image is the image's fault, named as such. */
    private static JsonNode probe(Started run, ContainerImages.Image image) {
        JsonNode probe;
        try {
            probe = JSON.readTree(run.output().strip().lines().reduce((a, b) -> b).orElse("{}"));
        } catch (IOException e) {
            throw new ContainerImageException("The launcher in " + image.tag() + " printed no result line for "
                    + image.command().display() + ": " + run.output(), e);
        }
        if (probe.hasNonNull("missing")) {
            throw new ContainerImageException("Infrastructure error: the image " + image.tag() + " has no "
                    + probe.get("missing").asText() + ", which the command " + image.command().display() + " needs. "
                    + "The suite builds each image with the command's files under " + ContainerImages.IN_IMAGE
                    + "; remove the image (docker rmi " + image.tag() + ") so the next run rebuilds it, and report this if it recurs.");
        }
        if (probe.hasNonNull("error")) {
            throw new ContainerImageException("The launcher in " + image.tag() + " could not run " + image.command().display() + ": "
                    + probe.get("error").asText());
        }
        return probe;
    }

    /** The result under the host command, the one a reader can run outside the container to reproduce it. */
    private RunResult toResult(Command command, ContainerImages.Image image, JsonNode probe, Duration host, Duration timeout,
                               boolean containerOom) {
        RunResult launched = LaunchReport.toResult(command, probe, timeout);
        Duration wall = launched.elapsed();
        startups.computeIfAbsent(image.tag(), i -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(host.minus(wall));
        long peak = probe.path("cgroup_peak_bytes").asLong(-1);
        long oomKills = probe.path("oom_kills").asLong();
        String stderr = launched.stderr();
        if (oomKills > 0 || containerOom) {
            // Its own line, so reports can sort it as an out-of-memory failure rather than a crash.
            stderr += "\n[wasm-perf-suite] OOM-killed: the container's memory limit of " + isolation.memoryMib()
                    + " MiB was reached (" + oomKills + " kill(s) in its cgroup); raise container.memory.mib if that is expected.";
        }
        // The limit is enforced on the cgroup peak, but it also counts the page cache this container happened to read first
        // (a file an earlier container read is charged to that one): the process's own peak stays the judged figure.
        Optional<ResourceUsage> usage = launched.usage().map(u -> peak > 0 ? u.withContainerPeak(peak / 1024) : u);
        return new RunResult(command, launched.exitCode(), launched.signal(), launched.stdout(), stderr, usage, wall, launched.timedOut(),
                timeout);
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
