package dev.wasmperf.baseline;

/** A baseline file is missing, unreadable or not comparable; the message says which and what to do. */
public class BaselineException extends RuntimeException {
    public BaselineException(String message) {
        super(message);
    }

    public BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
