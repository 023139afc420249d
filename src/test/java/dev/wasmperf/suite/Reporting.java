package dev.wasmperf.suite;

import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.VariantRun;
import io.qameta.allure.Allure;

/**
 * What each suite test tells Allure: labels that group the tree (epic = kind of check, feature = fixture or
 * metric, story = variant), the parameters a reader filters by, a description of what was checked, and the
 * evidence as attachments (the classifier's JSON always, stdout and stderr when the check failed).
 */
final class Reporting {

    private Reporting() {
    }

    static void describe(Suite suite, String epic, String feature, PreparedVariant prepared, String description) {
        Allure.epic(epic);
        Allure.feature(feature);
        Allure.story(prepared.variant().id());
        Allure.parameter("variant", prepared.variant().id());
        Allure.parameter("runtime", prepared.variant().runtime().isWebAssembly()
                ? prepared.variant().runtime() + " " + prepared.runtimeVersion() : "none (native)");
        Allure.parameter("compilation mode", prepared.variant().mode().toString());
        Allure.parameter("backend", suite.executor().name());
        Allure.description(description);
    }

    static void attachOutput(VariantRun run) {
        Allure.addAttachment("classifier output (JSON): " + run.label(), "application/json", run.result().stdout(), ".json");
    }

    /** Runs the checks; when one fails, attaches the run's stdout and stderr and how it ended before rethrowing. */
    static void checked(VariantRun run, Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError e) {
            Allure.addAttachment("stdout: " + run.label(), "text/plain", run.result().stdout(), ".txt");
            Allure.addAttachment("stderr: " + run.label(), "text/plain", run.result().stderr(), ".txt");
            Allure.addAttachment("command and outcome: " + run.label(), "text/plain", run.result().describe(), ".txt");
            throw e;
        }
    }
}
