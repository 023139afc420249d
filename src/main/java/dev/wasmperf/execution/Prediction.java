package dev.wasmperf.execution;

/** One entry of the classifier's top-k: ImageNet class index, its label and the model's score. */
public record Prediction(int index, String label, double score) {

    @Override
    public String toString() {
        return index + " " + label + " (" + score + ")";
    }
}
