package dev.wasmperf.suite;

import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Readiness;
import dev.wasmperf.matrix.Variant;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;


/** Turns a variant's readiness into a test outcome: run it, skip it (runtime not installed), or fail. */
final class Availability {

    private Availability() {
    }

    static PreparedVariant prepared(Suite suite, Variant variant) {
        Readiness readiness = suite.readiness(variant);
        announce(variant, readiness, suite);
        if (readiness instanceof Readiness.Ready ready) {
            return ready.prepared();
        }
        if (readiness instanceof Readiness.Unavailable unavailable) {
            if (suite.selection().isRequired(variant)) {
                return Assertions.fail(requiredMessage(unavailable, suite));
            }
            return Assumptions.abort(skipMessage(unavailable));
        }
        Readiness.Broken broken = (Readiness.Broken) readiness;
        return Assertions.fail(variant + " could not be prepared: " + broken.cause().getMessage(), broken.cause());
    }

    private static String requiredMessage(Readiness.Unavailable unavailable, Suite suite) {
        return unavailable.reason() + " " + unavailable.variant() + " is required (variants.required="
                + Variant.ids(suite.selection().required().stream().sorted().toList())
                + "), so this is a failure rather than a skip.";
    }

    private static String skipMessage(Readiness.Unavailable unavailable) {
        return "Skipped: " + unavailable.reason() + " (List it in -Dvariants.required to make this a failure.)";
    }

    /** Surefire does not print skip reasons on the console; the suite says once per variant what it will do and why. */
    private static void announce(Variant variant, Readiness readiness, Suite suite) {
        if (!suite.firstAnnouncement(variant)) {
            return;
        }
        String line;
        if (readiness instanceof Readiness.Ready ready) {
            PreparedVariant p = ready.prepared();
            line = "ready: " + variant + " -> " + p.command().display()
                    + p.aot().map(a -> " (AOT artefact SHA-256 " + a.sha256() + ")").orElse("");
        } else if (readiness instanceof Readiness.Unavailable unavailable) {
            line = (suite.selection().isRequired(variant) ? "FAILING (required): " : "SKIPPING: ") + unavailable.reason();
        } else {
            line = "FAILING: " + variant + " could not be prepared: " + ((Readiness.Broken) readiness).cause().getMessage();
        }
        System.out.println("[wasm-perf-suite] " + line);
    }
}
