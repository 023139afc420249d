package dev.wasmperf.results;

import dev.wasmperf.machine.MachineIdentity;
import dev.wasmperf.machine.MachineLoad;
import dev.wasmperf.matrix.Variant;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Result sets for the harness's own tests: subjects and their per-round values, as a real run would record them. */
public final class ResultSetBuilder {

    public static final MachineIdentity ZEN4 = new MachineIdentity("AuthenticAMD", 25, 17, 1, "AMD EPYC",
            List.of("avx", "avx2", "avx512f", "avx512bw"), 2, 24, "KVM");
    public static final MachineIdentity ZEN2 = new MachineIdentity("AuthenticAMD", 23, 49, 0, "AMD EPYC",
            List.of("avx", "avx2"), 2, 24, "KVM");

    private final MachineIdentity machine;
    private final List<SubjectInfo> subjects = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final Map<BuildRole, Build> builds = new EnumMap<>(BuildRole.class);
    private final Map<String, String> environment = new LinkedHashMap<>(Map.of("valgrind", "valgrind-3.19.0"));
    private String id = "2026-12-02T10:00:00Z";

    private ResultSetBuilder(MachineIdentity machine) {
        this.machine = machine;
        builds.put(BuildRole.CANDIDATE, new Build("this checkout", "tree-candidate", Map.of("wasmtime", "49.0.2")));
        builds.put(BuildRole.REFERENCE, new Build("commit abc of src/classifier", "tree-reference", Map.of("wasmtime", "49.0.2")));
    }

    public static ResultSetBuilder on(MachineIdentity machine) {
        return new ResultSetBuilder(machine);
    }

    public ResultSetBuilder id(String id) {
        this.id = id;
        return this;
    }

    public ResultSetBuilder build(BuildRole role, Build build) {
        builds.put(role, build);
        return this;
    }

    public ResultSetBuilder environment(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** A subject of a variant and role, with the artefact size given. */
    public ResultSetBuilder subject(String variant, BuildRole role, long bytes) {
        return subject(variant, role, bytes, "sha", "49.0.2");
    }

    /** A subject whose program has the given SHA-256 and runs on the given runtime version. */
    public ResultSetBuilder subject(String variant, BuildRole role, long bytes, String sha256, String runtimeVersion) {
        Variant v = Variant.byId(variant).orElseThrow();
        subjects.add(new SubjectInfo(variant + role.suffix(), variant, v.runtime().id(), v.mode().id(), role, runtimeVersion,
                "run " + variant, "/p/" + variant, sha256, bytes, "avx2"));
        return this;
    }

    /** One value per round of one kind for a subject; {@code key} names the value. */
    public ResultSetBuilder rounds(String subject, SampleKind kind, String key, double... perRound) {
        for (int round = 0; round < perRound.length; round++) {
            Map<String, Double> values = new LinkedHashMap<>(Map.of(key, perRound[round]));
            if (kind == SampleKind.COLD && !key.equals(Values.WALL_MS)) {
                values.put(Values.WALL_MS, 1.0);
            }
            samples.add(new Sample(samples.size(), round, subject, kind, values, Map.of()));
        }
        return this;
    }

    /** Instruction counts: one plain run, one with one more inference. */
    public ResultSetBuilder counts(String subject, double run, double withOneMore) {
        samples.add(new Sample(samples.size(), -1, subject, SampleKind.COUNT, Map.of(Values.INSTRUCTIONS, run), Map.of()));
        samples.add(new Sample(samples.size(), -1, subject, SampleKind.COUNT_REPEAT, Map.of(Values.INSTRUCTIONS, withOneMore), Map.of()));
        return this;
    }

    public ResultSet build() {
        return new ResultSet(ResultSet.SCHEMA, new RunInfo(id, id, id, "local", "abc"), machine, environment,
                Map.of("rounds", "20", "repeat", "10"), builds, subjects, samples, new MachineLoad(0.01, 0), List.of());
    }
}
