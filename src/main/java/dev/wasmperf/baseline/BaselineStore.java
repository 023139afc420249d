package dev.wasmperf.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Reads and writes baselines/&lt;profile&gt;.json: pretty, key-sorted JSON so a baseline update reads well as a diff. */
public final class BaselineStore {

    /** How to record or refresh a baseline; every message that leads there quotes it. */
    public static final String UPDATE_COMMAND = "mvn verify -Dperf.updateBaselines=true";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path directory;

    public BaselineStore(Path directory) {
        this.directory = directory;
    }

    public Path file(String profile) {
        return directory.resolve(profile + ".json");
    }

    /** The baseline of a profile; empty when none was recorded; an exception naming the fix when it is corrupt. */
    public Optional<Baseline> load(String profile) {
        Path file = file(profile);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Baseline baseline = JSON.readValue(file.toFile(), Baseline.class);
            if (baseline.schema() != Baseline.SCHEMA || baseline.metrics() == null || baseline.fingerprint() == null) {
                throw new BaselineException(file + " has schema " + baseline.schema() + " or lacks its fingerprint/metrics; this suite"
                        + " reads schema " + Baseline.SCHEMA + ". Record a new baseline: " + UPDATE_COMMAND);
            }
            return Optional.of(baseline);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new BaselineException(file + " is not a valid baseline (" + String.valueOf(reason).lines().findFirst().orElse("")
                    + "). Restore it from git (git checkout -- " + file.getFileName() + " in baselines/) or record a new one: "
                    + UPDATE_COMMAND, e);
        }
    }

    /** Writes through a temporary file and an atomic rename: a crash never leaves half a baseline. */
    public Path write(Baseline baseline) {
        Path file = file(baseline.profile());
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "." + baseline.profile(), ".json.tmp");
            try {
                Files.writeString(temporary, render(baseline));
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new BaselineException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String render(Baseline baseline) {
        try {
            return JSON.writeValueAsString(baseline) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A baseline could not be rendered as JSON", e);
        }
    }
}
