package dev.wasmperf.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes result sets as JSON files, refusing a schema this suite does not know. */
public final class ResultSets {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultSets() {
    }

    /** Writes atomically: a reader never sees half a file. */
    public static Path write(Path file, ResultSet result) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), result);
            return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the result set " + file, e);
        }
    }

    public static String toJson(ResultSet result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode a result set", e);
        }
    }

    /** Reads a result set; a missing, unreadable or foreign file is a {@link ResultSetException} naming the cause and the fix. */
    public static ResultSet read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ResultSetException("No result set at " + file + ". A run of 'mvn verify' writes target/results/latest-local.json; "
                    + "stored baselines are baselines/<profile>.json.");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ResultSetException(file + " is not valid JSON (" + e.getMessage() + "). Restore it (git checkout for a "
                    + "stored baseline) or measure again.", e);
        }
        int schema = tree.path("schema").asInt(-1);
        if (schema != ResultSet.SCHEMA) {
            throw new ResultSetException(file + " has result-set schema " + (schema < 0 ? "(none)" : schema) + ", this suite reads "
                    + "schema " + ResultSet.SCHEMA + ". It was written by another version of the suite, or is not a result set: "
                    + "measure again (mvn verify), or record the baseline anew (mvn verify -Dperf.updateBaselines=true -Dvariants=field).");
        }
        try {
            ResultSet result = JSON.treeToValue(tree, ResultSet.class);
            if (result.machine() == null || result.subjects() == null || result.samples() == null) {
                throw new ResultSetException(file + " lacks its machine, subjects or samples; it is incomplete. Measure again.");
            }
            return result;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof ResultSetException r) {
                throw r;
            }
            throw new ResultSetException(file + " does not follow the result-set schema " + ResultSet.SCHEMA + " (" + e.getMessage()
                    + "). Restore it from git or measure again.", e);
        }
    }
}
