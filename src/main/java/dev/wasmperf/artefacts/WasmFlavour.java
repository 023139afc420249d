package dev.wasmperf.artefacts;

/** Which of the two wasm builds of the classifier the wasm variants run ({@code wasm.flavour} in suite.properties). */
public enum WasmFlavour {
    /** Built with -C target-feature=+simd128: the build a deployment would ship. */
    SIMD("mobilenet-classify-simd.wasm"),
    /** No SIMD instructions: for runtimes or comparisons without simd128. */
    SCALAR("mobilenet-classify.wasm");

    private final String fileName;

    WasmFlavour(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
