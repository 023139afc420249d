package dev.wasmperf.measure;

/** A measurement could not be taken: a run failed, so its timing would describe a crash, not the classifier. */
public class MeasurementException extends RuntimeException {
    public MeasurementException(String message) {
        super(message);
    }
}
