package dev.wasmperf.artefacts;

/** A precompiled module is not the one this suite run produced. */
public class AotArtefactMismatchException extends RuntimeException {

    public AotArtefactMismatchException(String message) {
        super(message);
    }
}
