package dev.wasmperf.baseline;

import dev.wasmperf.machine.MachineIdentity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a measurement depends on. The identity part (machine, toolchain, runtimes, model, measurement settings) must
 * match for two runs to be comparable. The build part (classifier artefact hashes, kernel, JDK) is recorded and shown
 * when it differs but does not block the comparison: a changed classifier build is exactly what the suite exists to
 * judge, and the JDK only runs the harness, not the measured process.
 */
public record Fingerprint(
        MachineIdentity machine,
        String rustc,
        Map<String, String> runtimes,
        String modelSha256,
        String wasmFlavour,
        Map<String, String> settings,
        String kernel,
        String jdk,
        Map<String, String> artefacts) {

    public Fingerprint {
        runtimes = new TreeMap<>(runtimes);
        settings = new TreeMap<>(settings);
        artefacts = new TreeMap<>(artefacts);
    }

    /** Differences that make a baseline not comparable, one line each; empty when comparable. */
    public List<String> identityDifferences(Fingerprint baseline) {
        List<String> differences = new ArrayList<>();
        differences.addAll(machine.differences(baseline.machine));
        differ(differences, "rustc", baseline.rustc, rustc);
        differ(differences, "model SHA-256", baseline.modelSha256, modelSha256);
        differ(differences, "wasm flavour", baseline.wasmFlavour, wasmFlavour);
        // A run of a subset of variants uses a subset of the runtimes: only the ones it ran must match.
        runtimes.forEach((name, version) -> differ(differences, "runtime " + name, baseline.runtimes.get(name), version));
        differMaps(differences, "setting", baseline.settings, settings);
        return differences;
    }

    /** Differences in what was built or what ran the harness: reported, not blocking. */
    public List<String> buildDifferences(Fingerprint baseline) {
        List<String> differences = new ArrayList<>();
        differ(differences, "kernel", baseline.kernel, kernel);
        differ(differences, "JDK", baseline.jdk, jdk);
        artefacts.forEach((name, sha) -> differ(differences, "artefact SHA-256 " + name, baseline.artefacts.get(name), sha));
        return differences;
    }

    private static void differ(List<String> out, String what, Object baseline, Object current) {
        if (!Objects.equals(baseline, current)) {
            out.add(what + ": baseline " + baseline + ", now " + current);
        }
    }

    private static void differMaps(List<String> out, String what, Map<String, String> baseline, Map<String, String> current) {
        TreeMap<String, String> keys = new TreeMap<>(baseline);
        keys.putAll(current);
        for (String key : keys.keySet()) {
            differ(out, what + " " + key, baseline.get(key), current.get(key));
        }
    }

    /** The default baseline profile: the exact machine kind, e.g. "amd-f25m1s1-avx2-2c-24g". */
    public String machineProfile() {
        return machine.profile();
    }
}
