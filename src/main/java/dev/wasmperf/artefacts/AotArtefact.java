package dev.wasmperf.artefacts;


import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A precompiled module this suite run produced, with the SHA-256 it had right after compilation.
 * Precompiled modules are native code the runtime loads without validation, so the suite runs one only
 * while it is byte-for-byte what it compiled.
 */
public record AotArtefact(Path file, String sha256, Path source, String sourceSha256, String runtime, Path runtimeBinary,
                          String runtimeVersion) {

    /** Throws unless the file on disk still has the recorded hash. */
    public void verify() {
        if (!Files.isRegularFile(file)) {
            throw new AotArtefactMismatchException("The " + runtime + " AOT artefact " + file + " was compiled by this suite run "
                    + "but is gone now. Something removed it during the run (a parallel 'mvn clean'?). Run the suite again.");
        }
        String actual = Sha256.of(file);
        if (!actual.equals(sha256)) {
            throw new AotArtefactMismatchException("Refusing to run the " + runtime + " AOT artefact " + file + ": its SHA-256 is "
                    + actual + " but this suite run compiled it with SHA-256 " + sha256 + ". The file changed after "
                    + "compilation (another build writing to target/aot?). Run the suite again; it recompiles the artefact.");
        }
    }
}
