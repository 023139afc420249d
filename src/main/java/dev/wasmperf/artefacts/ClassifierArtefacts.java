package dev.wasmperf.artefacts;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where src/classifier/build.sh leaves the classifier (one native binary, two wasm modules) and the sandbox probe, under target/classifier. */
public final class ClassifierArtefacts {

    public static final String NATIVE_BINARY = "mobilenet-classify";

    private final Path classifierDir;

    public ClassifierArtefacts(Path targetDir) {
        this.classifierDir = targetDir.resolve("classifier");
    }

    public Path nativeBinary() {
        Path binary = classifierDir.resolve("native").resolve(NATIVE_BINARY);
        require(binary, "native classifier binary");
        if (!Files.isExecutable(binary)) {
            throw new MissingArtefactException("The native classifier binary " + binary + " exists but is not executable. "
                    + "Rebuild it: bash src/classifier/build.sh (or mvn -DskipTests package).");
        }
        return binary;
    }

    public Path wasm(WasmFlavour flavour) {
        Path module = classifierDir.resolve("wasm").resolve(flavour.fileName());
        require(module, flavour + " wasm module");
        return module;
    }

    /** The sandbox probe (src/classifier/src/bin/sandbox-probe.rs), a second WASI program from the same build. */
    public Path sandboxProbe() {
        Path module = classifierDir.resolve("wasm").resolve("sandbox-probe.wasm");
        require(module, "sandbox probe module");
        return module;
    }

    private static void require(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new MissingArtefactException("The " + what + " was expected at " + file + " but is not there. "
                    + "The classifier is built by src/classifier/build.sh, which Maven runs at generate-resources: "
                    + "run 'mvn -DskipTests package' (or 'bash src/classifier/build.sh'), then run the suite again. "
                    + "If the build fails for lack of tools, run 'bash ci/setup.sh' first.");
        }
    }
}
