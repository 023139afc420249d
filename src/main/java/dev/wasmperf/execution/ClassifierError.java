package dev.wasmperf.execution;

/** Input the classifier rejected on purpose: exit code 2 and an error kind such as {@code invalid_base64}. */
public record ClassifierError(String kind, String message, int exitCode) implements ClassifierOutput {

    @Override
    public String summary() {
        return "rejected the input with error kind '" + kind + "' (exit code " + exitCode + "): " + message;
    }
}
