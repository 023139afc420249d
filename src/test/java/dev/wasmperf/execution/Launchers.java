package dev.wasmperf.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The launcher the harness's own tests run processes through: this checkout's build of src/launcher. */
public final class Launchers {

    private Launchers() {
    }

    /** target/launcher/wps-launch, built first when a test runs before Maven's generate-resources built it. */
    public static synchronized Launcher built() {
        Path project = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path binary = project.resolve("target/launcher/wps-launch");
        if (!Files.isExecutable(binary)) {
            try {
                Process build = new ProcessBuilder("bash", project.resolve("src/launcher/build.sh").toString()).inheritIO().start();
                if (build.waitFor() != 0) {
                    throw new IllegalStateException("bash src/launcher/build.sh failed (output above); the launcher's tests need Go");
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot build the launcher: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while building the launcher", e);
            }
        }
        return new Launcher(binary);
    }
}
