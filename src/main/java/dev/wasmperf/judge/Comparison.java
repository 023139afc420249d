package dev.wasmperf.judge;

import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.stats.Verdict;

import java.util.List;
import java.util.Optional;

/**
 * What a comparison found: every verdict, and what could not be judged and why ({@code status}, one line each).
 *
 * @param stored the stored result set the current one was compared with, if any
 */
public record Comparison(ResultSet current, Optional<ResultSet> stored, List<Finding> findings, List<String> status) {

    public Comparison {
        findings = List.copyOf(findings);
        status = List.copyOf(status);
    }

    public List<Finding> findings(Basis basis, BuildRole role) {
        return findings.stream().filter(f -> f.basis() == basis && f.role() == role).toList();
    }

    public List<Finding> with(Verdict verdict) {
        return findings.stream().filter(f -> f.verdict() == verdict).toList();
    }
}
