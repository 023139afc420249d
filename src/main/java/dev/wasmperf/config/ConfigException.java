package dev.wasmperf.config;

/** A missing or invalid setting; the message names the key, the file and the fix. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
