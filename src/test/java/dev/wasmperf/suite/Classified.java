package dev.wasmperf.suite;

import dev.wasmperf.execution.Classification;
import dev.wasmperf.execution.ClassifierOutput;
import dev.wasmperf.matrix.VariantRun;
import org.junit.jupiter.api.Assertions;

/** The classification a run must have produced, or a failure that shows what it produced instead. */
final class Classified {

    private Classified() {
    }

    static Classification of(VariantRun run, String expectation) {
        ClassifierOutput output = run.output();
        if (output instanceof Classification classification) {
            return classification;
        }
        return Assertions.fail(run.label() + ": expected " + expectation + ", but the classifier " + output.summary()
                + "\nWhat to do: run the command above with the request on stdin (target/inputs/" + run.input().name()
                + ".json for a fixture image) to reproduce it.");
    }
}
