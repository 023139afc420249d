package dev.wasmperf.suite;

import dev.wasmperf.artefacts.AotCompiler;
import dev.wasmperf.artefacts.ClassifierArtefacts;
import dev.wasmperf.artefacts.WasmFlavour;
import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.container.ContainerExecutor;
import dev.wasmperf.container.ContainerImages;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.execution.Launcher;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.fixtures.FixtureManifest;
import dev.wasmperf.fixtures.InputFiles;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.RuntimeLocator;
import dev.wasmperf.matrix.Variant;
import dev.wasmperf.matrix.VariantRun;
import dev.wasmperf.matrix.VariantSelection;
import dev.wasmperf.matrix.VariantSetup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * One suite run: its configuration, the selected variants prepared once each, and every (variant, input) run done once
 * and shared by all tests. A run costs up to seconds, and correctness, parity and bad-input tests look at the same runs.
 * The tests get the one instance of a test run from their JUnit extension; nothing here is static.
 */
public final class Suite {

    private final SuiteConfig config;
    private final VariantSelection selection;
    private final Launcher runner;
    /** Where classifications run: the local runner, or containers (-Pcontainers). Version checks and AOT stay local. */
    private final Executor executor;
    private final String executorUnavailable;
    private final Duration runTimeout;
    private final VariantSetup setup;
    private final InputFiles inputs;
    private FixtureManifest manifest;
    private final Map<Variant, Readiness> readiness = new EnumMap<>(Variant.class);
    private final Map<RunKey, VariantRun> runs = new HashMap<>();
    private final Map<String, StdinPayload> requests = new HashMap<>();
    private final java.util.Set<Variant> announced = java.util.EnumSet.noneOf(Variant.class);

    private record RunKey(Variant variant, Path input) {
    }

    public Suite(SuiteConfig config) {
        this.config = config;
        this.selection = VariantSelection.from(config);
        this.runner = new Launcher(config.optionalPath("launcher.binary").orElse(config.targetDir().resolve("launcher/wps-launch")));
        this.runTimeout = config.seconds("timeout.run.seconds");
        this.setup = new VariantSetup(
                new ClassifierArtefacts(config.targetDir()),
                config.choice("wasm.flavour", WasmFlavour.class),
                new RuntimeLocator(config, runner, config.seconds("timeout.version.seconds")),
                new AotCompiler(config.targetDir(), runner, config.seconds("timeout.compile.seconds")));
        this.inputs = new InputFiles(config.targetDir());
        // Absent means local: test configurations of the harness need not name a backend.
        if (config.find("backend").isPresent() && config.choice("backend", Backend.class) == Backend.CONTAINERS) {
            this.executor = new ContainerExecutor(
                    new ContainerImages(config.projectDir().resolve("src/container"), runner.binary(),
                            config.targetDir().resolve("containers/contexts")),
                    new ContainerExecutor.Isolation(config.find("container.cpuset").orElse(""), config.integer("container.memory.mib", 64)));
            this.executorUnavailable = ContainerExecutor.unavailableReason();
        } else {
            this.executor = runner;
            this.executorUnavailable = null;
        }
    }

    /** The execution backends: local processes, or containers with pinned CPU and memory. */
    public enum Backend {
        LOCAL, CONTAINERS
    }

    public Executor executor() {
        return executor;
    }

    public boolean inContainers() {
        return executor instanceof ContainerExecutor;
    }

    public SuiteConfig config() {
        return config;
    }

    public VariantSelection selection() {
        return selection;
    }

    public synchronized FixtureManifest manifest() {
        if (manifest == null) {
            manifest = FixtureManifest.load(config.path("fixtures.dir"));
        }
        return manifest;
    }

    /** Prepares a variant the first time it is asked for (AOT variants compile here), then answers from memory. */
    public synchronized Readiness readiness(Variant variant) {
        if (executorUnavailable != null) {
            return readiness.computeIfAbsent(variant, v -> new Readiness.Unavailable(v, v + " cannot run in a container: " + executorUnavailable));
        }
        return readiness.computeIfAbsent(variant, v -> checked(v.prepare(setup)));
    }

    /** Whether this is the first time a variant's readiness is asked about: the tests say once per run what they will do. */
    public synchronized boolean firstAnnouncement(Variant variant) {
        return announced.add(variant);
    }

    /** A prepared variant the backend cannot start (an image without its files) is broken, once, with the cause. */
    private Readiness checked(Readiness readiness) {
        if (readiness instanceof Readiness.Ready ready) {
            try {
                executor.check(ready.prepared().command(), runTimeout);
            } catch (RuntimeException e) {
                return new Readiness.Broken(ready.prepared().variant(), e);
            }
        }
        return readiness;
    }

    /**
     * Prepares a variant from another build of the classifier (the self-test's canary), whose artefacts live under
     * {@code buildRoot}/classifier and whose AOT artefacts go to {@code buildRoot}/aot.
     */
    public Readiness prepareBuild(Variant variant, Path buildRoot) {
        return prepareBuild(variant, buildRoot, setup.runtimes());
    }

    /** As {@link #prepareBuild(Variant, Path)}, on other runtime versions (the reference's). */
    public Readiness prepareBuild(Variant variant, Path buildRoot, RuntimeLocator runtimes) {
        VariantSetup other = new VariantSetup(new ClassifierArtefacts(buildRoot), setup.flavour(), runtimes,
                new AotCompiler(buildRoot, runner, config.seconds("timeout.compile.seconds")));
        return checked(variant.prepare(other));
    }

    /** Runs every process outside the measured classifications (version checks, compilers, git) locally. */
    public Launcher runner() {
        return runner;
    }

    public Duration runTimeout() {
        return runTimeout;
    }

    public VariantSetup setup() {
        return setup;
    }

    /** The generated request for a fixture image, written once per suite run. */
    public synchronized StdinPayload request(Fixture fixture) {
        return requests.computeIfAbsent(fixture.name(), name -> inputs.request(fixture));
    }

    /** Runs a prepared variant on an input once; later calls with the same pair return the same run. */
    public synchronized VariantRun run(PreparedVariant prepared, StdinPayload input) {
        RunKey key = new RunKey(prepared.variant(), input.file().toAbsolutePath());
        VariantRun run = runs.get(key);
        if (run == null) {
            run = prepared.run(executor, input, runTimeout);
            runs.put(key, run);
        }
        return run;
    }
}
