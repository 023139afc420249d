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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the suite's images locally, from the Dockerfiles in src/container and a context assembled here: a base
 * with the launcher, then one image per command (the runtime or native binary, the module it runs, their libraries).
 * The command's own files go to fixed paths under {@value #IN_IMAGE} and the command is rewritten to them, so
 * where the checkout, the cache or HOME live on the host does not matter: a host path under /tmp would otherwise
 * vanish under the container's tmpfs. Tags carry a hash of the content, so an unchanged image is reused.
 */
public final class ContainerImages {

    public static final String REPOSITORY = "wasm-perf-suite";
    /** Where an image holds the files a command names: nothing the container mounts (/tmp, /in) can hide it. */
    public static final String IN_IMAGE = "/opt/wps";
    /** Libraries outside these folders (an rpath into a cache, say) are moved under {@value #IN_IMAGE}/lib. */
    private static final List<String> SYSTEM_LIBRARY_DIRS = List.of("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/");
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x[0-9a-f]+\\)");

    private final Path dockerfiles;
    private final Path launcher;
    private final Path contexts;
    private final Map<Command, Image> byCommand = new HashMap<>();
    private String baseTag;

    public ContainerImages(Path dockerfiles, Path launcher, Path contexts) {
        this.dockerfiles = dockerfiles;
        this.launcher = launcher;
        this.contexts = contexts;
    }

    /**
     * An image and the command rewritten to the paths its files have inside it.
     *
     * @param files in-image path of each host file the image holds
     */
    public record Image(String tag, Command command, Map<Path, Path> files) {

        /** Where the image holds this host file; an {@link ContainerImageException} when it holds none. */
        public Path inImage(Path host) {
            Path absolute = host.toAbsolutePath().normalize();
            return files.entrySet().stream().filter(e -> e.getValue().toAbsolutePath().normalize().equals(absolute)).map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new ContainerImageException("The image " + tag + " holds no copy of " + absolute
                            + "; it holds only the files " + command.display() + " names. This is a bug in the suite."));
        }
    }

    /** The image that can run this command, built first if no image with the same content exists. */
    public synchronized Image imageFor(Command command) {
        Image known = byCommand.get(command);
        if (known != null) {
            return known;
        }
        Placement placement = place(command, libraries(Path.of(command.argv().get(0))));
        String base = base();
        StringBuilder identity = new StringBuilder(base);
        placement.files().forEach((inImage, host) -> identity.append('\n').append(inImage).append(' ').append(Sha256.of(host)));
        String tag = REPOSITORY + "/" + Path.of(command.argv().get(0)).getFileName().toString().replaceAll("[^a-z0-9._-]", "-")
                + ":" + shortHash(identity.toString());
        if (!exists(tag)) {
            Path context = contexts.resolve(tag.replace('/', '_').replace(':', '_'));
            placement.files().forEach((inImage, host) -> copyInto(context, host, inImage));
            build(context, "variant.Dockerfile", tag, Map.of("BASE", base));
        } else {
            System.out.println("[wasm-perf-suite] containers: image " + tag + " is cached (same content)");
        }
        Image image = new Image(tag, placement.command(), Map.copyOf(placement.files()));
        byCommand.put(command, image);
        return image;
    }

    /**
     * Where each file goes in the image (in-image path to host file) and the command rewritten to those paths.
     *
     * @param files every absolute path among the arguments that is a file gets {@value #IN_IMAGE}/&lt;its name&gt;;
     *              system libraries keep their paths (the loader looks there), others go to {@value #IN_IMAGE}/lib
     */
    record Placement(Map<Path, Path> files, Command command) {
    }

    static Placement place(Command command, List<Path> libraries) {
        Map<Path, Path> files = new TreeMap<>();
        List<String> argv = new ArrayList<>();
        for (String argument : command.argv()) {
            Path path = Path.of(argument);
            if (!path.isAbsolute() || !Files.isRegularFile(path)) {
                argv.add(argument);
                continue;
            }
            Path inImage = Path.of(IN_IMAGE, path.getFileName().toString());
            for (int n = 2; files.containsKey(inImage) && !files.get(inImage).equals(path); n++) {
                inImage = Path.of(IN_IMAGE, n + "-" + path.getFileName());
            }
            files.put(inImage, path);
            argv.add(inImage.toString());
        }
        Map<String, String> environment = new TreeMap<>(command.environment());
        for (Path library : libraries) {
            if (SYSTEM_LIBRARY_DIRS.stream().anyMatch(library.toString()::startsWith)) {
                files.put(library, library);
            } else {
                files.put(Path.of(IN_IMAGE, "lib", library.getFileName().toString()), library);
                environment.put("LD_LIBRARY_PATH", IN_IMAGE + "/lib");
            }
        }
        return new Placement(files, new Command(argv, environment));
    }

    private String base() {
        if (baseTag != null) {
            return baseTag;
        }
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException("The launcher, every container's entrypoint, was expected at " + launcher + " (built by "
                    + "'bash src/launcher/build.sh', which mvn verify runs at generate-resources). Is Go installed? Run: bash ci/setup.sh");
        }
        String tag = REPOSITORY + "/base:" + shortHash(Sha256.of(launcher));
        if (!exists(tag)) {
            Path context = contexts.resolve("base");
            copyInto(context, launcher, Path.of("/wps-launch"));
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
