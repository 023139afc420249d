package dev.wasmperf.matrix;

/** Whether a variant can run in this environment, decided once per suite run by {@link Variant#prepare}. */
public sealed interface Readiness {

    /** Prepared and runnable. */
    record Ready(PreparedVariant prepared) implements Readiness {
    }

    /** Its runtime is not installed (or not the pinned version): skipped, or a failure when the variant is required. */
    record Unavailable(Variant variant, String reason) implements Readiness {
    }

    /** Preparation failed for a reason that is a fault, not a missing install (e.g. the classifier was not built, AOT compilation failed). */
    record Broken(Variant variant, RuntimeException cause) implements Readiness {
    }
}
