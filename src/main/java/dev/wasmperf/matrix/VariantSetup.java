package dev.wasmperf.matrix;

import dev.wasmperf.artefacts.AotCompiler;
import dev.wasmperf.artefacts.ClassifierArtefacts;
import dev.wasmperf.artefacts.WasmFlavour;

/** What a variant needs to prepare itself: the classifier's build output, the runtimes, and the AOT compiler. */
public record VariantSetup(ClassifierArtefacts artefacts, WasmFlavour flavour, RuntimeLocator runtimes, AotCompiler aot) {
}
