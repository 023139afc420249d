package dev.wasmperf.matrix;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Launcher;
import dev.wasmperf.execution.RunResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Finds each runtime's binary (installed by ci/setup.sh, or overridden) and checks it is the pinned version. */
public final class RuntimeLocator {

    private static final String INSTALL_HINT = "Install the pinned runtimes with 'bash ci/setup.sh'";

    private final SuiteConfig config;
    private final Launcher runner;
    private final Duration timeout;
    private final Map<Runtime, InstalledRuntime> found = new EnumMap<>(Runtime.class);
    /** Versions that replace the pins: the reference's, when it was recorded with other runtime versions. */
    private final Map<Runtime, String> versions;

    public RuntimeLocator(SuiteConfig config, Launcher runner, Duration timeout) {
        this(config, runner, timeout, Map.of());
    }

    private RuntimeLocator(SuiteConfig config, Launcher runner, Duration timeout, Map<Runtime, String> versions) {
        this.config = config;
        this.runner = runner;
        this.timeout = timeout;
        this.versions = Map.copyOf(versions);
    }

    /**
     * A locator for other versions of the runtimes (the reference's, from baselines/reference.properties): a version
     * other than the pin is looked up only in the cache, where ci/setup.sh installs it beside the pinned one.
     */
    public RuntimeLocator atVersions(Map<Runtime, String> other) {
        Map<Runtime, String> changed = new EnumMap<>(Runtime.class);
        other.forEach((runtime, version) -> {
            if (!version.equals(config.string(runtime.versionKey()))) {
                changed.put(runtime, version);
            }
        });
        return changed.isEmpty() ? this : new RuntimeLocator(config, runner, timeout, changed);
    }

    /** The version this locator wants: the pin, or the reference's. */
    public String wantedVersion(Runtime runtime) {
        return versions.getOrDefault(runtime, config.string(runtime.versionKey()));
    }

    /** Where the binary is expected: the override key if set, else the versioned install directory in the cache. */
    public Path expectedBinary(Runtime runtime) {
        if (versions.containsKey(runtime)) {
            return runtime.installedBinary(config.path("cache.dir"), versions.get(runtime));
        }
        return config.optionalPath(runtime.pathKey())
                .orElseGet(() -> runtime.installedBinary(config.path("cache.dir"), config.string(runtime.versionKey())));
    }

    public synchronized InstalledRuntime locate(Runtime runtime) {
        InstalledRuntime known = found.get(runtime);
        if (known != null) {
            return known;
        }
        String pinned = wantedVersion(runtime);
        Path binary = expectedBinary(runtime);
        String wanted = runtime + " " + pinned + (versions.containsKey(runtime) ? " (the reference's, in baselines/reference.properties)"
                : " (" + runtime.versionKey() + " in " + SuiteConfig.SOURCE_FILE + ")");
        if (!Files.exists(binary)) {
            boolean overridden = !versions.containsKey(runtime) && config.find(runtime.pathKey()).isPresent();
            throw new RuntimeUnavailableException(wanted + " was expected at " + binary + ", which does not exist. "
                    + (overridden
                    ? "That path comes from " + runtime.pathKey() + "; point it at a " + runtime + " " + pinned
                    + " binary, or remove it to use the one 'bash ci/setup.sh' installs."
                    : INSTALL_HINT + " (it installs there), or set -D" + runtime.pathKey() + "=<path to a " + runtime + " "
                    + pinned + " binary>."));
        }
        if (!Files.isExecutable(binary)) {
            throw new RuntimeUnavailableException(binary + " exists but is not executable, so " + wanted + " cannot run. "
                    + "Fix its permissions (chmod +x) or reinstall: 'bash ci/setup.sh'.");
        }
        Command versionCommand = Command.of(runtime.versionCommand(binary));
        RunResult run = runner.run(versionCommand, null, timeout);
        String version = run.exitedWith(0) ? runtime.parseVersion(run.stdout()) : null;
        if (version == null) {
            throw new RuntimeUnavailableException("Could not read the version of " + binary + ": expected " + runtime
                    + "'s version from '" + versionCommand.display() + "'.\n" + run.describe() + "\nReinstall it with 'bash ci/setup.sh'.");
        }
        if (!version.equals(pinned)) {
            throw new RuntimeUnavailableException(binary + " is " + runtime + " " + version + ", but the suite pins " + wanted
                    + ". " + INSTALL_HINT + " to get the pinned version, or change " + runtime.versionKey()
                    + " if moving to " + version + " is intended (then re-record any baselines).");
        }
        InstalledRuntime installed = new InstalledRuntime(runtime, binary, version);
        found.put(runtime, installed);
        return installed;
    }
}
