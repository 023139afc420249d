package dev.wasmperf.hostile;

/**
 * One generated input: which mutation of which origin, the seed that regenerates its bytes, and what it must end in.
 *
 * @param id        "0042-cut-at-part-chelsea", also the file name its request is written to
 * @param heavy     too costly for every variant (hundreds of MiB of stdin or pixels): native only
 * @param maxRssKib a bound on the process's peak resident memory specific to this case, or 0 for the campaign's cap
 */
public record HostileCase(String id, Mutation mutation, String origin, long seed, Expectation expected, boolean heavy, long maxRssKib) {

    @Override
    public String toString() {
        return id;
    }
}
