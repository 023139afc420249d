package dev.wasmperf.matrix;

import dev.wasmperf.execution.ClassifierOutput;
import dev.wasmperf.execution.RunResult;
import dev.wasmperf.fixtures.StdinPayload;

/** One variant run on one input, with the runtime version that ran it. */
public record VariantRun(Variant variant, String runtimeVersion, StdinPayload input, RunResult result) {

    public ClassifierOutput output() {
        return ClassifierOutput.of(result);
    }

    /** "wasmtime-aot (wasmtime 49.0.2) on chelsea" */
    public String label() {
        String runtime = variant.runtime().isWebAssembly() ? " (" + variant.runtime() + " " + runtimeVersion + ")" : "";
        return variant + runtime + " on " + input;
    }
}
