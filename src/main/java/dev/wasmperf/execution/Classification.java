package dev.wasmperf.execution;

import java.util.List;
import java.util.Map;

/**
 * A successful classification.
 *
 * @param top       predictions, best first
 * @param phasesUs  time the classifier measured inside itself per phase (decode, preprocess, inference, total), in microseconds
 */
public record Classification(List<Prediction> top, String modelSha256, Map<String, Long> phasesUs) implements ClassifierOutput {

    public Classification {
        top = List.copyOf(top);
        phasesUs = Map.copyOf(phasesUs);
    }

    public Prediction best() {
        return top.get(0);
    }

    @Override
    public String summary() {
        return "classified as " + best() + "; top-" + top.size() + ": " + top;
    }
}
