package dev.wasmperf.artefacts;

/** A build product the suite needs is not there; the message says which file and which command builds it. */
public class MissingArtefactException extends RuntimeException {

    public MissingArtefactException(String message) {
        super(message);
    }
}
