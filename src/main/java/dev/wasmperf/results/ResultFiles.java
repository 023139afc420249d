package dev.wasmperf.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.wasmperf.measure.PairedResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves and reads paired result sets (target/results/*.json): every sample in round order, the order each round ran
 * in, and what each build was. A saved file can be judged again without measuring (cli.Compare).
 */
public final class ResultFiles {

    /** Version of the file's layout; a reader refuses another. */
    public static final int SCHEMA = 1;

    /** The file as stored: the schema beside the result. */
    public record Stored(int schema, PairedResult result) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultFiles() {
    }

    public static Path write(Path file, PairedResult result) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, JSON.writeValueAsString(new Stored(SCHEMA, result)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the result set " + file, e);
        }
    }

    public static PairedResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist; a run of mvn verify writes target/results/paired.json");
        }
        try {
            Stored stored = JSON.readValue(file.toFile(), Stored.class);
            if (stored.schema() != SCHEMA || stored.result() == null) {
                throw new IllegalArgumentException(file + " has result schema " + stored.schema() + "; this suite reads schema " + SCHEMA
                        + ". Judge it with the suite version that wrote it.");
            }
            return stored.result();
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(file + " is not a result set (" + String.valueOf(reason).lines().findFirst().orElse("")
                    + "); it must be a target/results/*.json written by the suite.", e);
        }
    }
}
