package dev.wasmperf.execution;

/** Input the classifier rejected on purpose: exit code 2 and an error kind such as {@code invalid_base64}. */
public record ClassifierError(String kind, String message, int exitCode) implements ClassifierOutput {

    /** Every kind the classifier documents for a rejected request (src/classifier/README.md, "Errors"). */
    public static final java.util.Set<String> DOCUMENTED_KINDS = java.util.Set.of("empty_input", "invalid_json", "missing_image",
            "invalid_base64", "invalid_top_k", "unsupported_image", "corrupt_image", "image_too_large", "truncated_image");

    @Override
    public String summary() {
        return "rejected the input with error kind '" + kind + "' (exit code " + exitCode + "): " + message;
    }
}
