package dev.wasmperf.results;

/** A result set that cannot be read or used, with the cause and the fix in the message. */
public class ResultSetException extends RuntimeException {

    public ResultSetException(String message) {
        super(message);
    }

    public ResultSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
