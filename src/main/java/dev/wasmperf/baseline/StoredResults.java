package dev.wasmperf.baseline;

import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSetException;
import dev.wasmperf.results.ResultSets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The values stored per machine profile: baselines/&lt;profile&gt;.json is the result set of the run that recorded them, so
 * a stored baseline and a fresh run are judged by the same code, and any two can be compared again (cli.Compare).
 */
public final class StoredResults {

    /** How to record or refresh the reference and the stored values; every message that leads there quotes it. */
    public static final String UPDATE_COMMAND = "mvn verify -Dperf.updateBaselines=true -Dvariants=field";

    private final Path directory;

    public StoredResults(Path directory) {
        this.directory = directory;
    }

    public Path file(String profile) {
        return directory.resolve(profile + ".json");
    }

    /** The values stored for a profile; empty when none were; an exception naming the fix when the file is broken. */
    public Optional<ResultSet> load(String profile) {
        Path file = file(profile);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResultSets.read(file));
        } catch (ResultSetException e) {
            throw new BaselineException("The stored values " + file + " cannot be used: " + e.getMessage() + " Restore the file "
                    + "(git checkout -- " + directory.getFileName() + "/" + file.getFileName() + ") or record it anew: " + UPDATE_COMMAND, e);
        }
    }

    public Path write(ResultSet result) {
        return ResultSets.write(file(result.profile()), result);
    }
}
