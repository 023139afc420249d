package dev.wasmperf.measure;

import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;

/**
 * One thing measured: a prepared variant, under a name. The self-test measures a canary build of a variant
 * beside the real one, so the name ("native (canary)") and the variant it stands for can differ.
 */
public record Subject(String name, PreparedVariant prepared) {

    public static Subject of(PreparedVariant prepared) {
        return new Subject(prepared.variant().id(), prepared);
    }

    public Variant variant() {
        return prepared.variant();
    }

    @Override
    public String toString() {
        return name;
    }
}
