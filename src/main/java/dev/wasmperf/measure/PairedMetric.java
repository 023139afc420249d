package dev.wasmperf.measure;

import java.util.Map;

/**
 * What a paired campaign records from every run, candidate and reference alike, and judges as the per-round ratio
 * candidate / reference. All lower-is-better.
 */
public enum PairedMetric {
    /** Wall time of the whole process: runtime start-up, module compile or load, and the program. */
    COLD_START("cold-start", "cold start", "ms"),
    /** The classifier's own inference phase, timed inside the process: the network's code, without start-up. */
    INFERENCE("inference", "inference (in-process)", "ms"),
    /** Peak resident set of the classifier process. */
    PEAK_RSS("peak-rss", "max RSS", "KiB");

    private final String key;
    private final String title;
    private final String unit;

    PairedMetric(String key, String title, String unit) {
        this.key = key;
        this.title = title;
        this.unit = unit;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    /** This metric's value in one measured run. */
    double of(Measured run) {
        return switch (this) {
            case COLD_START -> run.wallMs();
            case INFERENCE -> phaseMs(run.classification().phasesUs(), "inference");
            case PEAK_RSS -> run.usage().maxRssKib();
        };
    }

    private static double phaseMs(Map<String, Long> phasesUs, String phase) {
        Long us = phasesUs.get(phase);
        if (us == null) {
            throw new MeasurementException("The classifier reported no '" + phase + "' phase (it reported " + phasesUs.keySet()
                    + "); the paired inference metric needs it. Is the classifier build older than the suite?");
        }
        return us / 1e3;
    }
}
