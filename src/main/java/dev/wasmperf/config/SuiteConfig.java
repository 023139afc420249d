package dev.wasmperf.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The suite's settings: {@code suite.properties} (the one configuration file) with any key
 * overridable by a {@code -Dkey=value} system property.
 */
public final class SuiteConfig {

    /** Classpath location of the one configuration file (source: src/main/resources/suite.properties). */
    public static final String RESOURCE = "suite.properties";
    /** Shown in every message about a key, so the reader knows which file to open. */
    public static final String SOURCE_FILE = "src/main/resources/suite.properties";

    private final Properties file;
    private final Properties overrides;
    private final Path projectDir;

    public SuiteConfig(Properties file, Properties overrides, Path projectDir) {
        this.file = file;
        this.overrides = overrides;
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** The configuration the suite runs with: the classpath file, system-property overrides, Maven's basedir. */
    public static SuiteConfig load() {
        return new SuiteConfig(shippedFile(), System.getProperties(), basedir());
    }

    /**
     * The classpath file alone, without -D overrides: what a run uses unless told otherwise. For statements about the
     * shipped settings (the calibration of the verdict rule), which a short CI run with fewer rounds must not change.
     */
    public static SuiteConfig shipped() {
        return new SuiteConfig(shippedFile(), new Properties(), basedir());
    }

    private static Properties shippedFile() {
        Properties file = new Properties();
        try (InputStream in = SuiteConfig.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigException(RESOURCE + " is not on the classpath. Expected it in " + SOURCE_FILE
                        + " (copied to target/classes by Maven). Run the suite through Maven: mvn verify");
            }
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " from the classpath", e);
        }
        return file;
    }

    private static Path basedir() {
        // Failsafe and Surefire set basedir; an IDE run starts in the project directory.
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    /** The project root: where pom.xml, fixtures/ and target/ are. */
    public Path projectDir() {
        return projectDir;
    }

    /** Maven's build directory; generated inputs and AOT artefacts go below it. */
    public Path targetDir() {
        return projectDir.resolve("target");
    }

    /** The value of a key, override first; blank values count as absent. */
    public Optional<String> find(String key) {
        String value = overrides.getProperty(key);
        if (value == null) {
            value = file.getProperty(key);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    /**
     * The most specific per-group key that is set, {@code <key>.<group>} for the first of {@code groups} (a variant's name,
     * compiler, runtime, mode: most specific first) that has one.
     */
    public Optional<String> groupKey(String key, List<String> groups) {
        return groups.stream().map(group -> key + "." + group).filter(k -> find(k).isPresent()).findFirst();
    }

    public String string(String key) {
        return find(key).orElseThrow(() -> new ConfigException("Missing configuration key '" + key + "': expected a line "
                + key + "=<value> in " + SOURCE_FILE + " or -D" + key + "=<value> on the command line."));
    }

    /** A comma-separated list; empty when the key is absent or blank. */
    public List<String> list(String key) {
        return find(key)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public Duration seconds(String key) {
        String raw = string(key);
        try {
            long seconds = Long.parseLong(raw);
            if (seconds <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new ConfigException("Configuration key '" + key + "' must be a positive whole number of seconds, but is '"
                    + raw + "'. Fix it in " + SOURCE_FILE + " or in -D" + key + "=<seconds>.");
        }
    }

    /** A whole number of at least {@code min}, for sample counts and similar settings. */
    public int integer(String key, int min) {
        String raw = string(key);
        try {
            int value = Integer.parseInt(raw);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("Configuration key '" + key + "' must be a whole number of at least " + min + ", but is '"
                + raw + "'. Fix it in " + SOURCE_FILE + " or in -D" + key + "=<number>.");
    }

    /** A number in [min, max], for tolerances and significance levels. */
    public double decimal(String key, double min, double max) {
        String raw = string(key);
        try {
            double value = Double.parseDouble(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("Configuration key '" + key + "' must be a number from " + min + " to " + max + ", but is '"
                + raw + "'. Fix it in " + SOURCE_FILE + " or in -D" + key + "=<number>.");
    }

    public boolean flag(String key) {
        String raw = find(key).orElse("false");
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new ConfigException("Configuration key '" + key + "' must be true or false, but is '" + raw + "'.");
    }

    /** A path; a leading {@code ~} means the user's home, a relative path is relative to the project directory. */
    public Path path(String key) {
        return resolvePath(string(key));
    }

    public Optional<Path> optionalPath(String key) {
        return find(key).map(this::resolvePath);
    }

    /** One of a fixed set of lower-case names, for example {@code wasm.flavour=simd}. */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String raw = string(key);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw)) {
                return constant;
            }
        }
        String valid = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase()).toList().toString();
        throw new ConfigException("Configuration key '" + key + "' is '" + raw + "', which is not one of " + valid
                + ". Fix it in " + SOURCE_FILE + " or in -D" + key + "=<value>.");
    }

    private Path resolvePath(String raw) {
        if (raw.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (raw.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(raw.substring(2));
        }
        Path path = Path.of(raw);
        return path.isAbsolute() ? path : projectDir.resolve(path);
    }
}
