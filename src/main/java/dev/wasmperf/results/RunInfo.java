package dev.wasmperf.results;

/**
 * Which run a result set comes from.
 *
 * @param id       unique per run: the start time and the machine profile ("2026-12-02T16:04:05Z amd-f25m17s1-...")
 * @param started  ISO-8601 instant
 * @param backend  "local" or "containers"
 * @param checkout the git commit of the checkout, with "+changes" when it had uncommitted changes
 */
public record RunInfo(String id, String started, String finished, String backend, String checkout) {
}
