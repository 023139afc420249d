package dev.wasmperf.execution;

import java.util.List;
import java.util.Map;

/**
 * A successful classification.
 *
 * @param top       predictions, best first
 * @param isa       the kernels the classifier ran ("avx2", "simd128", "scalar"); "" from a build that does not say
 * @param phasesUs  time the classifier measured inside itself per phase (decode, preprocess, inference, total), in microseconds
 * @param repeatedInferenceUs with --repeat N, the times of the N inferences after the first, in order; else empty
 */
public record Classification(List<Prediction> top, String modelSha256, String isa, Map<String, Long> phasesUs,
                             List<Long> repeatedInferenceUs) implements ClassifierOutput {

    public Classification {
        top = List.copyOf(top);
        phasesUs = Map.copyOf(phasesUs);
        repeatedInferenceUs = List.copyOf(repeatedInferenceUs);
    }

    public Prediction best() {
        return top.get(0);
    }

    @Override
    public String summary() {
        return "classified as " + best() + "; top-" + top.size() + ": " + top;
    }
}
