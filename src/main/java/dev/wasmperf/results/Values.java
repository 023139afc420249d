package dev.wasmperf.results;

/** The names of the values a {@link Sample} carries, as written in result files. */
public final class Values {

    /** Wall time of the process, exec to exit, measured by the launcher. */
    public static final String WALL_MS = "wall_ms";
    public static final String USER_MS = "user_ms";
    public static final String SYSTEM_MS = "system_ms";
    public static final String MAX_RSS_KIB = "max_rss_kib";
    /** Container backend: the container's cgroup memory peak (page cache charged to it included). */
    public static final String CONTAINER_PEAK_KIB = "container_peak_kib";
    public static final String MINOR_FAULTS = "minor_faults";
    public static final String MAJOR_FAULTS = "major_faults";
    public static final String VOLUNTARY_SWITCHES = "voluntary_cs";
    public static final String INVOLUNTARY_SWITCHES = "involuntary_cs";
    /** The classifier's own phases (phases_us of its output), in milliseconds. */
    public static final String MODEL_LOAD_MS = "model_load_ms";
    public static final String DECODE_MS = "decode_ms";
    public static final String PREPROCESS_MS = "preprocess_ms";
    public static final String INFERENCE_MS = "inference_ms";
    /** From the program's first instruction of main to just before it prints: phases_us.total. */
    public static final String PROGRAM_MS = "program_ms";
    /**
     * Runtimes started through a runner of the suite's (Node.js, Chicory): the runner's own clock around parsing, compiling
     * and instantiating the module, before the program starts ({@code {"runner_us":{"module_load":...}}}, its first stderr line).
     */
    public static final String RUNNER_MODULE_LOAD_MS = "runner_module_load_ms";
    /** Steady runs: the fastest and the median of the repeated inferences. */
    public static final String STEADY_BEST_MS = "steady_best_ms";
    public static final String STEADY_MEDIAN_MS = "steady_median_ms";
    /** Steady runs of a variant's builds sharing one CPU: user + system CPU time over the inferences the process made. */
    public static final String SHARED_CPU_MS = "shared_cpu_ms";
    /** Cold runs: user + system CPU time of the same classification run at the same time as the variant's other builds, on one CPU. */
    public static final String SHARED_COLD_CPU_MS = "shared_cold_cpu_ms";
    /** Memory runs: the largest sampled resident set and its split. */
    public static final String RSS_KIB = "rss_kib";
    public static final String ANON_KIB = "anon_kib";
    public static final String FILE_KIB = "file_kib";
    public static final String SHMEM_KIB = "shmem_kib";
    /** Count runs. */
    public static final String INSTRUCTIONS = "instructions";
    /** Series of steady runs: every repeated inference, in order. */
    public static final String REPEATED_INFERENCE_MS = "repeated_inference_ms";

    private Values() {
    }
}
