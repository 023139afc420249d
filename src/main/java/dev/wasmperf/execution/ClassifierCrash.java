package dev.wasmperf.execution;

/**
 * A run that broke the classifier's contract: a timeout, a signal, an unexpected exit code, or stdout that is not its JSON.
 * Keeps the run so a message can show stdout and stderr.
 */
public record ClassifierCrash(String reason, RunResult run) implements ClassifierOutput {

    @Override
    public String summary() {
        return "crashed: " + reason + "\n" + run.describe();
    }
}
