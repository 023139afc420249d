package dev.wasmperf.results;

/** Which build of the classifier a subject runs. */
public enum BuildRole {
    /** This checkout's build: what the suite judges. */
    CANDIDATE(""),
    /** The baseline's reference: the classifier sources of the commit in baselines/reference.properties, built here. */
    REFERENCE(" (reference)"),
    /** The self-test's canary: this checkout's build with a known extra cost set at build time. */
    CANARY(" (canary)"),
    /** The reference measured a second time as a candidate: the A/A control of the self-test, which must come out unchanged. */
    CONTROL(" (reference A/A)");

    private final String suffix;

    BuildRole(String suffix) {
        this.suffix = suffix;
    }

    /** What a report appends to the variant's name: nothing for the candidate. */
    public String suffix() {
        return suffix;
    }
}
