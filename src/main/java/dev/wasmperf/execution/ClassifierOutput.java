package dev.wasmperf.execution;

/**
 * What one classifier run means, read from its exit code and stdout (the classifier's CLI contract):
 * exit 0 with a result line, exit 2 with an error line, or anything else, which is a crash.
 */
public sealed interface ClassifierOutput permits Classification, ClassifierError, ClassifierCrash {

    /** The classifier's exit code for input it rejects. */
    int ERROR_EXIT_CODE = 2;

    /** One-line summary for messages. */
    String summary();

    static ClassifierOutput of(RunResult run) {
        return ClassifierJson.read(run);
    }
}
