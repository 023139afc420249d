package dev.wasmperf.matrix;

import java.nio.file.Path;

/** A runtime binary that exists and reported the pinned version. */
public record InstalledRuntime(Runtime runtime, Path binary, String version) {
}
