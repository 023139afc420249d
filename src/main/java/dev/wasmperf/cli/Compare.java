package dev.wasmperf.cli;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.judge.Judge;
import dev.wasmperf.judge.JudgeSettings;
import dev.wasmperf.report.VerdictTable;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.ResultSetException;
import dev.wasmperf.results.ResultSets;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Judges a saved result set again, without measuring, the way Go's benchstat takes two files: the current one against
 * its own references (paired) and against a stored one, with this checkout's tolerances. Prints the verdict table.
 *
 * <pre>
 *   mvn -q exec:java@compare -Dbaseline=baselines/&lt;profile&gt;.json -Dcurrent=target/results/latest-local.json
 *   mvn -q exec:java@compare -Dcurrent=target/results/latest-local.json          (paired verdicts only)
 * </pre>
 * Exits with 1 when a verdict is REGRESSED, 2 when a file cannot be used.
 */
public final class Compare {

    private Compare() {
    }

    public static void main(String[] args) {
        String current = System.getProperty("current", args.length > 1 ? args[1] : args.length == 1 ? args[0] : "");
        String baseline = System.getProperty("baseline", args.length > 1 ? args[0] : "");
        if (current.isBlank()) {
            System.err.println("usage: mvn -q exec:java@compare -Dcurrent=<result set> [-Dbaseline=<stored result set>]\n"
                    + "  result sets: target/results/*.json (each mvn verify writes one), baselines/<profile>.json (stored values)");
            System.exit(2);
        }
        try {
            ResultSet now = ResultSets.read(Path.of(current));
            Optional<ResultSet> stored = baseline.isBlank() ? Optional.empty() : Optional.of(ResultSets.read(Path.of(baseline)));
            var comparison = Judge.compare(now, stored, JudgeSettings.from(SuiteConfig.load()));
            System.out.print(VerdictTable.markdown(comparison));
            System.exit(comparison.with(dev.wasmperf.stats.Verdict.REGRESSED).isEmpty() ? 0 : 1);
        } catch (ResultSetException e) {
            System.err.println("compare: " + e.getMessage());
            System.exit(2);
        }
    }
}
