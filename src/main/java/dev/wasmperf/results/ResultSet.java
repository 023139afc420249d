package dev.wasmperf.results;

import dev.wasmperf.machine.MachineIdentity;
import dev.wasmperf.machine.MachineLoad;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one performance run measured, as saved in target/results/ and as stored baselines: which machine, which
 * builds and runtimes, every subject, and every sample in the order it was measured. Verdicts are not part of it: a
 * comparison computes them from result sets (dev.wasmperf.judge), so two saved runs can be judged again at any time.
 *
 * @param schema      layout version; a reader refuses a file of another schema
 * @param environment versions of what took part besides the runtimes: kernel, JDK, rustc, wasm-opt, Valgrind, launcher
 * @param settings    the measurement settings the run used (rounds, repeat count, seed, input, ...)
 * @param notes       what was left out of this run and why ("instructions not counted: ...")
 */
public record ResultSet(int schema, RunInfo run, MachineIdentity machine, Map<String, String> environment, Map<String, String> settings,
                        Map<BuildRole, Build> builds, List<SubjectInfo> subjects, List<Sample> samples, MachineLoad machineLoad,
                        List<String> notes) {

    public static final int SCHEMA = 1;

    public ResultSet {
        environment = new TreeMap<>(environment);
        settings = new TreeMap<>(settings);
        builds = builds.isEmpty() ? Map.of() : new EnumMap<>(builds);
        subjects = List.copyOf(subjects);
        samples = List.copyOf(samples);
        notes = List.copyOf(notes);
    }

    public Optional<SubjectInfo> subject(String key) {
        return subjects.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public List<SubjectInfo> subjects(BuildRole role) {
        return subjects.stream().filter(s -> s.role() == role).toList();
    }

    /** The reference subject of a variant, if the run measured one. */
    public Optional<SubjectInfo> referenceOf(String variant) {
        return subjects.stream().filter(s -> s.role() == BuildRole.REFERENCE && s.variant().equals(variant)).findFirst();
    }

    public List<Sample> samples(String subject, SampleKind kind) {
        return samples.stream().filter(s -> s.subject().equals(subject) && s.kind() == kind).toList();
    }

    public Optional<Build> build(BuildRole role) {
        return Optional.ofNullable(builds.get(role));
    }

    /** The machine profile stored values are kept under. */
    public String profile() {
        return machine.profile();
    }

    /** The same run with more samples (extra rounds measured after the first judgement). */
    public ResultSet withSamples(List<Sample> more, RunInfo finished, MachineLoad load) {
        List<Sample> all = new java.util.ArrayList<>(samples);
        all.addAll(more);
        return new ResultSet(schema, finished, machine, environment, settings, builds, subjects, all, load, notes);
    }
}
