package dev.wasmperf.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one build role was in a run.
 *
 * @param description for people: "commit 1a2b3c4d5e6f of src/classifier on wasmtime 49.0.2, wasmer 7.4.2"
 * @param tree        the git tree of src/classifier that was built ("" when unknown, e.g. uncommitted changes)
 * @param runtimes    runtime versions the build ran on
 */
public record Build(String description, String tree, Map<String, String> runtimes) {

    public Build {
        runtimes = new TreeMap<>(runtimes);
    }
}
