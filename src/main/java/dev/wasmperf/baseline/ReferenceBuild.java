package dev.wasmperf.baseline;

import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.Launcher;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.matrix.Runtime;
import dev.wasmperf.results.Build;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The reference every run measures beside this checkout's build: the classifier sources of one git commit, run on
 * the runtime versions the baseline was recorded with. Named by baselines/reference.properties; built by
 * src/classifier/build-reference.sh into target/reference/classifier (which records what it built).
 *
 * @param commit   the commit whose src/classifier is the reference
 * @param runtimes the runtime versions the reference runs on
 * @param built    the src/classifier tree the build script found at that commit; empty when not built
 */
public record ReferenceBuild(String commit, Map<Runtime, String> runtimes, String built) {

    public static final String FILE = "baselines/reference.properties";
    /** What build-reference.sh leaves beside the artefacts. */
    public static final String BUILT = "reference/build.properties";

    public ReferenceBuild {
        runtimes = Map.copyOf(runtimes);
    }

    /** The reference named by the project's reference file, and what the build script made of it. */
    public static ReferenceBuild load(Path projectDir, Path targetDir) {
        Path file = projectDir.resolve(FILE);
        Properties p = read(file, "restore it (git checkout -- " + FILE + ") or record a reference: " + StoredResults.UPDATE_COMMAND);
        String commit = p.getProperty("commit", "").strip();
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new BaselineException(file + " names commit '" + commit + "', not a full 40-digit commit hash. Restore it from git or "
                    + "record a reference: " + StoredResults.UPDATE_COMMAND);
        }
        Map<Runtime, String> runtimes = new EnumMap<>(Runtime.class);
        for (Runtime runtime : Runtime.values()) {
            if (runtime.isWebAssembly()) {
                String version = p.getProperty(runtime.versionKey(), "").strip();
                if (version.isEmpty()) {
                    throw new BaselineException(file + " has no " + runtime.versionKey() + "; the reference must say which " + runtime
                            + " it runs on. Restore it from git or record a reference: " + StoredResults.UPDATE_COMMAND);
                }
                runtimes.put(runtime, version);
            }
        }
        Path built = targetDir.resolve(BUILT);
        String tree = "";
        if (Files.isRegularFile(built)) {
            Properties b = read(built, "rebuild it: bash src/classifier/build-reference.sh");
            if (!commit.equals(b.getProperty("commit"))) {
                throw new BaselineException(built + " holds a build of commit " + b.getProperty("commit") + ", but " + FILE + " names "
                        + commit + ". Rebuild the reference: bash src/classifier/build-reference.sh (mvn verify does it).");
            }
            tree = b.getProperty("tree", "");
        }
        return new ReferenceBuild(commit, runtimes, tree);
    }

    /** What a result set records of the reference. */
    public Build toBuild() {
        Map<String, String> versions = new java.util.TreeMap<>();
        runtimes.forEach((runtime, version) -> versions.put(runtime.id(), version));
        return new Build(describe(), built, versions);
    }

    /** "commit 1a2b3c4d5e6f of src/classifier on wasmtime 49.0.2, wasmer 7.4.2". */
    public String describe() {
        StringBuilder s = new StringBuilder("commit " + commit.substring(0, 12) + " of src/classifier on ");
        runtimes.forEach((runtime, version) -> s.append(runtime).append(' ').append(version).append(", "));
        return s.substring(0, s.length() - 2);
    }

    /**
     * The current checkout as a reference: the last commit that changed src/classifier, and the pinned
     * runtime versions. Refused while src/classifier has uncommitted changes: a reference must be buildable from history.
     */
    public static ReferenceBuild ofCheckout(Path projectDir, Launcher runner, Map<Runtime, String> pinned) {
        Duration timeout = Duration.ofSeconds(30);
        RunResult status = runner.run(Command.of("git", "-C", projectDir.toString(), "status", "--porcelain", "--", "src/classifier"),
                null, timeout);
        if (!status.exitedWith(0)) {
            throw new BaselineException("Cannot ask git whether src/classifier is committed:\n" + status.describe()
                    + "\nThe update command must run in a git clone.");
        }
        if (!status.stdout().isBlank()) {
            throw new BaselineException("Refusing to record the reference: src/classifier has uncommitted changes, and a reference "
                    + "must be rebuildable from a commit:\n" + status.stdout().strip() + "\nCommit them, then run the update again: "
                    + StoredResults.UPDATE_COMMAND);
        }
        RunResult log = runner.run(Command.of("git", "-C", projectDir.toString(), "log", "-1", "--format=%H", "--", "src/classifier"),
                null, timeout);
        String commit = log.stdout().strip();
        if (!log.exitedWith(0) || !commit.matches("[0-9a-f]{40}")) {
            throw new BaselineException("Cannot find the last commit of src/classifier:\n" + log.describe());
        }
        return new ReferenceBuild(commit, pinned, "");
    }

    /**
     * The git tree of this checkout's src/classifier, when it is committed as it is: the identity of the candidate's
     * sources. Empty when src/classifier has uncommitted changes or this is not a git clone.
     */
    public static Optional<String> checkoutTree(Path projectDir, Launcher runner) {
        Duration timeout = Duration.ofSeconds(30);
        RunResult status = runner.run(Command.of("git", "-C", projectDir.toString(), "status", "--porcelain", "--", "src/classifier"),
                null, timeout);
        RunResult tree = runner.run(Command.of("git", "-C", projectDir.toString(), "rev-parse", "HEAD:src/classifier"), null, timeout);
        if (!status.exitedWith(0) || !status.stdout().isBlank() || !tree.exitedWith(0)) {
            return Optional.empty();
        }
        return Optional.of(tree.stdout().strip());
    }

    /** The commit checked out, with "+changes" when the checkout has uncommitted changes; "unknown" outside git. */
    public static String checkoutCommit(Path projectDir, Launcher runner) {
        Duration timeout = Duration.ofSeconds(30);
        RunResult head = runner.run(Command.of("git", "-C", projectDir.toString(), "rev-parse", "HEAD"), null, timeout);
        RunResult status = runner.run(Command.of("git", "-C", projectDir.toString(), "status", "--porcelain", "--untracked-files=no"),
                null, timeout);
        if (!head.exitedWith(0)) {
            return "unknown";
        }
        return head.stdout().strip() + (status.exitedWith(0) && !status.stdout().isBlank() ? "+changes" : "");
    }

    /** Writes baselines/reference.properties; the update command does it only after the run that measured against the old one. */
    public void save(Path projectDir) {
        Path file = projectDir.resolve(FILE);
        StringBuilder text = new StringBuilder("""
                # The reference every run measures beside this checkout's build, in the same rounds (paired verdicts):
                # src/classifier as of this commit, built by src/classifier/build-reference.sh, on these runtime versions.
                """);
        text.append("# Written by the update command (").append(StoredResults.UPDATE_COMMAND).append(");\n");
        text.append("# review it with 'git diff baselines/'.\n");
        text.append("commit=").append(commit).append('\n');
        runtimes.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Runtime::versionKey)))
                .forEach(e -> text.append(e.getKey().versionKey()).append('=').append(e.getValue()).append('\n'));
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(temporary)) {
                out.write(text.toString());
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static Properties read(Path file, String fix) {
        if (!Files.isRegularFile(file)) {
            throw new BaselineException(file + " is missing, so there is no reference to measure against; " + fix);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new BaselineException(file + " cannot be read (" + e.getMessage() + "); " + fix, e);
        }
        return p;
    }
}
