package dev.wasmperf.artefacts;

/** {@code wasmtime compile} or {@code wasmer compile} did not produce an artefact. */
public class AotCompilationException extends RuntimeException {

    public AotCompilationException(String message) {
        super(message);
    }
}
