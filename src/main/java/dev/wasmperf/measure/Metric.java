package dev.wasmperf.measure;

/** What the suite measures per variant, with its unit and which direction is worse. */
public enum Metric {
    COLD_START("cold-start", "cold start", "ms", true),
    WARM_LOOP("warm-loop", "warm loop (per run)", "ms", true),
    WARM_LOOP_CPU("warm-loop-cpu", "warm loop CPU, user+sys (per run)", "ms", true),
    PEAK_RSS("peak-rss", "max RSS", "KiB", true),
    ARTEFACT_SIZE("artefact-size", "artefact size", "bytes", true),
    THROUGHPUT("throughput", "throughput", "runs/s", false),
    AOT_COMPILE("aot-compile", "AOT compile time", "ms", true);

    private final String key;
    private final String title;
    private final String unit;
    private final boolean lowerIsBetter;

    Metric(String key, String title, String unit, boolean lowerIsBetter) {
        this.key = key;
        this.title = title;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** Stable name used in baselines and reports. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** Timings are judged primarily by their ratio to native measured in the same round. */
    public boolean isTiming() {
        return this == COLD_START || this == WARM_LOOP || this == WARM_LOOP_CPU;
    }
}
