package dev.wasmperf.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.wasmperf.artefacts.Sha256;
import dev.wasmperf.execution.Command;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the suite's images locally, from the Dockerfiles in src/container and a context assembled here: a base
 * with the probe, then one image per command (the runtime or native binary, the module it runs, their libraries),
 * files at their host paths. Tags carry a hash of the content, so an unchanged image is reused across runs.
 */
public final class ContainerImages {

    public static final String REPOSITORY = "wasm-perf-suite";
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x[0-9a-f]+\\)");

    private final Path dockerfiles;
    private final Path probe;
    private final Path contexts;
    private final Map<String, String> byCommand = new HashMap<>();
    private String baseTag;

    public ContainerImages(Path dockerfiles, Path probe, Path contexts) {
        this.dockerfiles = dockerfiles;
        this.probe = probe;
        this.contexts = contexts;
    }

    /** The image that can run this command, built first if no image with the same content exists. */
    public synchronized String imageFor(Command command) {
        TreeSet<Path> files = new TreeSet<>();
        for (String argument : command.argv()) {
            Path path = Path.of(argument);
            if (path.isAbsolute() && Files.isRegularFile(path)) {
                files.add(path);
            }
        }
        String key = files.toString();
        String known = byCommand.get(key);
        if (known != null) {
            return known;
        }
        String base = base();
        TreeSet<Path> content = new TreeSet<>(files);
        Path binary = Path.of(command.argv().get(0));
        content.addAll(libraries(binary));
        StringBuilder identity = new StringBuilder(base);
        for (Path file : content) {
            identity.append('\n').append(file).append(' ').append(Sha256.of(file));
        }
        String tag = REPOSITORY + "/" + binary.getFileName().toString().replaceAll("[^a-z0-9._-]", "-") + ":" + shortHash(identity.toString());
        if (!exists(tag)) {
            Path context = contexts.resolve(tag.replace('/', '_').replace(':', '_'));
            for (Path file : content) {
                copyInto(context, file, file);
            }
            build(context, "variant.Dockerfile", tag, Map.of("BASE", base));
        } else {
            System.out.println("[wasm-perf-suite] containers: image " + tag + " is cached (same content)");
        }
        byCommand.put(key, tag);
        return tag;
    }

    private String base() {
        if (baseTag != null) {
            return baseTag;
        }
        if (!Files.isRegularFile(probe)) {
            throw new IllegalStateException("The container probe was expected at " + probe + " (built by 'bash src/container/build-probe.sh', "
                    + "which Maven runs before the suite with -Pcontainers). Is Go installed? Run: bash ci/setup.sh");
        }
        String tag = REPOSITORY + "/base:" + shortHash(Sha256.of(probe));
        if (!exists(tag)) {
            Path context = contexts.resolve("base");
            copyInto(context, probe, Path.of("/wps-probe"));
            mkdirs(context.resolve("rootfs/in"));
            mkdirs(context.resolve("rootfs/tmp"));
            build(context, "base.Dockerfile", tag, Map.of());
        }
        baseTag = tag;
        return tag;
    }

    /** The shared libraries a dynamically linked binary loads, as ldd resolves them on this host. */
    static List<Path> libraries(Path binary) {
        try {
            Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
            String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ldd.waitFor(30, TimeUnit.SECONDS)) {
                ldd.destroyForcibly();
            }
            return parseLdd(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run ldd on " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Path> parseLdd(String output) {
        TreeSet<Path> libraries = new TreeSet<>();
        Matcher matcher = LIBRARY.matcher(output);
        while (matcher.find()) {
            libraries.add(Path.of(matcher.group(1)));
        }
        return List.copyOf(libraries);
    }

    private static boolean exists(String tag) {
        try {
            client().inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void build(Path context, String dockerfile, String tag, Map<String, String> args) {
        long started = System.nanoTime();
        try {
            Files.copy(dockerfiles.resolve(dockerfile), context.resolve("Dockerfile"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the build context " + context, e);
        }
        var command = client().buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false);
        args.forEach(command::withBuildArg);
        command.start().awaitImageId();
        System.out.printf("[wasm-perf-suite] containers: built %s in %.1f s%n", tag, (System.nanoTime() - started) / 1e9);
        deleteRecursively(context); // the image has it now; the copies of runtimes are ~80 MB each
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.out.println("[wasm-perf-suite] containers: could not delete the build context " + dir + ": " + e.getMessage());
        }
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** Copies {@code file} to {@code rootfs/<target>} in the context, following symlinks: the image gets the content. */
    private static void copyInto(Path context, Path file, Path target) {
        Path destination = context.resolve("rootfs").resolve(target.toString().substring(1));
        try {
            Files.createDirectories(destination.getParent());
            Files.copy(file.toRealPath(), destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + file + " into the build context " + context, e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(".keep"), "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
