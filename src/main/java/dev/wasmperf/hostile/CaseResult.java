package dev.wasmperf.hostile;

import dev.wasmperf.execution.Classification;
import dev.wasmperf.execution.ClassifierCrash;
import dev.wasmperf.execution.ClassifierError;
import dev.wasmperf.execution.ClassifierOutput;
import dev.wasmperf.execution.RunResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one hostile case ended on one variant, and what is wrong with that.
 *
 * @param outcome  what parity compares: "rejected: truncated_image", or "classified: " and the whole top list
 * @param problems empty when the case ended as every case must and as its expectation says
 * @param request  the file its stdin came from (kept only when a problem was found)
 */
public record CaseResult(HostileCase hostileCase, String outcome, List<String> problems, RunResult run, Path request) {

    public CaseResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * How the case failed, without its details (sizes, times): the outcome's kind ("rejected: truncated_image",
     * "classified", the crash up to its first detail) and the problems' kinds. Shrinking keeps an input only while this
     * stays the same, so it cannot drift to another failure.
     */
    public String failure() {
        String how = outcome.startsWith("classified") ? "classified" : outcome.split("[(;]", 2)[0].strip();
        return how + " | " + problems.stream().map(p -> p.split("[0-9(]", 2)[0].strip()).toList();
    }

    /** "rejected", "classified" or "crashed": the outcome's kind, for counts. */
    public String kind() {
        return outcome.substring(0, outcome.indexOf(':'));
    }

    /**
     * Judges one run: exit 0 with a result or exit 2 with a documented error kind, never a signal, a timeout or another
     * exit code; peak RSS within the cap; and what the case's expectation asks.
     *
     * @param originals the outcome of each unmutated fixture image on the same variant, for {@link Expectation.SameAs}
     */
    static CaseResult judge(HostileCase c, RunResult run, Path request, long capKib, Map<String, String> originals) {
        List<String> problems = new ArrayList<>();
        ClassifierOutput output = ClassifierOutput.of(run);
        String outcome = outcome(output);
        if (output instanceof ClassifierCrash crash) {
            problems.add("crashed: " + crash.reason());
        } else if (output instanceof ClassifierError error && !ClassifierError.DOCUMENTED_KINDS.contains(error.kind())) {
            problems.add("error kind '" + error.kind() + "' is not one the classifier documents " + ClassifierError.DOCUMENTED_KINDS);
        }
        long limit = c.maxRssKib() > 0 ? c.maxRssKib() : capKib;
        run.usage().ifPresent(usage -> {
            if (usage.maxRssKib() > limit) {
                problems.add("peak RSS " + usage.maxRssKib() + " KiB is above the cap of " + limit + " KiB");
            }
        });
        String expected = null;
        if (c.expected() instanceof Expectation.Kind k) {
            expected = "rejected: " + k.kind();
        } else if (c.expected() instanceof Expectation.SameAs same) {
            expected = originals.get(same.origin());
        }
        if (expected != null && !expected.equals(outcome) && !(output instanceof ClassifierCrash)) {
            problems.add("expected " + c.expected() + (c.expected() instanceof Expectation.SameAs ? " (" + expected + ")" : "")
                    + ", got " + outcome);
        }
        return new CaseResult(c, outcome, problems, run, request);
    }

    public static String outcome(ClassifierOutput output) {
        if (output instanceof Classification classification) {
            return "classified: " + classification.top();
        }
        if (output instanceof ClassifierError error) {
            return "rejected: " + error.kind();
        }
        return "crashed: " + ((ClassifierCrash) output).reason();
    }
}
