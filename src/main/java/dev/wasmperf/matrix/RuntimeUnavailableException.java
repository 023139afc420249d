package dev.wasmperf.matrix;

/** A runtime is not installed, not runnable or not the pinned version; the message says which and how to fix it. */
public class RuntimeUnavailableException extends RuntimeException {

    public RuntimeUnavailableException(String message) {
        super(message);
    }
}
