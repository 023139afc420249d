package dev.wasmperf.container;

/** The container backend itself failed (an image lacks a file, a container did not start): not the classifier's fault. */
public class ContainerImageException extends RuntimeException {

    public ContainerImageException(String message) {
        super(message);
    }

    public ContainerImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
