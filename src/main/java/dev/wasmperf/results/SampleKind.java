package dev.wasmperf.results;

/** What kind of run a sample comes from. */
public enum SampleKind {
    /** One classification in a fresh process: the cold start, its CPU time, memory and the program's phases. */
    COLD,
    /** A cold run right after the kernel's page cache was dropped: the artefacts and the runtime read from disk. */
    COLD_CACHE,
    /** One process that classifies, then repeats the inference (classifier --repeat K): steady-state inference. */
    STEADY,
    /** A classification with its resident memory sampled while it ran (untimed): the anonymous / file-backed split. */
    MEMORY,
    /** The instructions of one classification, counted under Valgrind. */
    COUNT,
    /** The instructions of a classification followed by one more inference: minus COUNT, one inference's instructions. */
    COUNT_REPEAT,
    /** One AOT compilation of the module by the subject's runtime. */
    COMPILE
}
