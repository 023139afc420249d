package dev.wasmperf.measure;

import dev.wasmperf.results.BuildRole;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;

/**
 * One thing measured: a prepared variant and which build it runs. The name ("wasmtime-aot (reference)") is for
 * reports and result maps only; code asks for the variant and the role, never parses the name.
 */
public record Subject(PreparedVariant prepared, BuildRole role) {

    public static Subject of(PreparedVariant prepared) {
        return new Subject(prepared, BuildRole.CANDIDATE);
    }

    public Variant variant() {
        return prepared.variant();
    }

    public String name() {
        return prepared.variant().id() + role.suffix();
    }

    @Override
    public String toString() {
        return name();
    }
}
