package dev.wasmperf.results;


/**
 * One thing measured, as a result file records it: a variant, which build ran, and what exactly ran.
 *
 * @param key            unique within a result set: the variant, and the role when it is not the candidate
 *                       ("wasmtime-aot", "wasmtime-aot (reference)"); for reports and sample references only
 * @param runtime        "native", "wasmtime", "wasmer", ...
 * @param mode           "native", "jit", "aot"
 * @param program        the file the command runs; programSha256 and programBytes describe it
 * @param isa            the kernels the classifier reported running ("avx2", "simd128", "scalar")
 */
public record SubjectInfo(String key, String variant, String runtime, String mode, BuildRole role, String runtimeVersion,
                          String command, String program, String programSha256, long programBytes, String isa) {

    public boolean jit() {
        return "jit".equals(mode);
    }
}
