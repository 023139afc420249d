package dev.wasmperf.measure;

import dev.wasmperf.execution.Classification;
import dev.wasmperf.execution.ClassifierOutput;
import dev.wasmperf.execution.Executor;
import dev.wasmperf.execution.ResourceUsage;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.VariantRun;

import java.time.Duration;

/** One timed classification: its wall time, the process's resource usage and what it answered. */
record Measured(double wallMs, ResourceUsage usage, Classification classification) {

    /** One classification that must succeed: a failed run's timing would describe a crash, not the classifier. */
    static Measured classify(Executor runner, Duration timeout, Subject subject, StdinPayload input) {
        VariantRun run = subject.prepared().run(runner, input, timeout);
        ClassifierOutput output = run.output();
        if (!(output instanceof Classification classification) || run.result().usage().isEmpty()) {
            throw new MeasurementException("Cannot measure " + subject + ": its run on " + input
                    + " did not produce a classification, so there is nothing meaningful to time. Fix the failure"
                    + " first (the correctness tests show it too).\n" + run.result().describe());
        }
        return new Measured(run.result().elapsed().toNanos() / 1e6, run.result().usage().get(), classification);
    }
}
