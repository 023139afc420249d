package dev.wasmperf.judge;

/** What a subject is judged against. */
public enum Basis {
    /** Its reference build, measured in the same rounds of the same run: needs nothing stored, judges any machine. */
    PAIRED,
    /** The values stored for this exact machine profile (baselines/&lt;profile&gt;.json). */
    STORED
}
