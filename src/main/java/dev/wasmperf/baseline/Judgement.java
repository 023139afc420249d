package dev.wasmperf.baseline;

import dev.wasmperf.measure.Metric;
import dev.wasmperf.stats.Comparison;
import dev.wasmperf.stats.Verdict;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one subject x metric against its baseline.
 *
 * @param primary      what the verdict rests on: the per-round ratio to native for timings of WebAssembly variants
 *                     (robust to a machine that is slower as a whole), the absolute values otherwise
 * @param absolute     the absolute comparison, reported beside a ratio verdict
 * @param confirmation the same comparison from a second, independent campaign, run when the first one flagged a
 *                     regression of a measured metric (see {@link #verdict()})
 * @param busyMachine  why a flagged timing cannot be judged: the machine was busy with other work in every
 *                     campaign that flagged it
 */
public record Judgement(String subject, Metric metric, Comparison primary, Optional<Comparison> absolute,
                        Optional<Comparison> confirmation, Optional<String> busyMachine) {

    public Judgement {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(absolute, "absolute");
        Objects.requireNonNull(confirmation, "confirmation");
        Objects.requireNonNull(busyMachine, "busyMachine");
    }

    public Judgement(String subject, Metric metric, Comparison primary, Optional<Comparison> absolute) {
        this(subject, metric, primary, absolute, Optional.empty(), Optional.empty());
    }

    /**
     * The first campaign's verdict, except that a regression re-measured in a second campaign stands only if that
     * campaign flags it too. Between-run interference on the shared machine (a neighbour busy for a minute) moves
     * one campaign's ratios by 10-20% with tight intervals; a real regression is there both times. A regression
     * flagged only while the machine was busy with other work is INCONCLUSIVE (BaselineComparison#settle).
     */
    public Verdict verdict() {
        if (unconfirmed()) {
            return Verdict.UNCHANGED;
        }
        return busyMachine.isPresent() ? Verdict.INCONCLUSIVE : primary.verdict();
    }

    /** Whether every campaign that measured it flagged a regression, busy machine or not (the canary's test). */
    public boolean flaggedInEveryCampaign() {
        return primary.verdict() == Verdict.REGRESSED && !unconfirmed();
    }

    /** A regression the first campaign flagged and the confirmation campaign did not. */
    public boolean unconfirmed() {
        return primary.verdict() == Verdict.REGRESSED && confirmation.isPresent()
                && confirmation.get().verdict() != Verdict.REGRESSED;
    }

    /** This judgement with the second campaign's comparison of the same subject and metric. */
    public Judgement confirmedBy(Comparison second) {
        return new Judgement(subject, metric, primary, absolute, Optional.of(second), busyMachine);
    }

    /** This judgement, not judgeable: the machine was busy in every campaign that flagged it. */
    public Judgement onBusyMachine(String why) {
        return new Judgement(subject, metric, primary, absolute, confirmation, Optional.of(why));
    }

    public boolean judgedByRatio() {
        return absolute.isPresent();
    }

    /**
     * Whether this verdict fails the build. Absolute timings (native's times, throughput, compile times) moved by up
     * to 30% within minutes on the shared project machine, as a whole, while every ratio to native stayed put; so by
     * default they are reported and only ratios, memory and sizes are asserted. {@code assertAbsoluteTimings} (set
     * on a quiet, dedicated machine) asserts them too.
     */
    public boolean asserted(boolean assertAbsoluteTimings) {
        return judgedByRatio() || metric == Metric.PEAK_RSS || metric == Metric.ARTEFACT_SIZE || assertAbsoluteTimings;
    }

    /**
     * The verdict with a word on how it was reached, for tables: "REGRESSED (confirmed)", "UNCHANGED (regression not
     * confirmed)", "INCONCLUSIVE (machine busy)".
     */
    public String verdictLabel() {
        if (busyMachine.isPresent()) {
            return verdict() + " (machine busy)";
        }
        if (confirmation.isEmpty()) {
            return verdict().name();
        }
        return verdict() + (unconfirmed() ? " (regression not confirmed)" : " (confirmed)");
    }

    /** The failure message: metric, variant, baseline, measured, delta, CI, tolerance, and the way out. */
    public String explain() {
        String basis = judgedByRatio() ? " (judged by the ratio to native measured in the same rounds)" : "";
        String line = subject + " " + primary.explain() + basis;
        if (absolute.isPresent()) {
            line += "\n    absolute: " + absolute.get().explain();
        }
        if (confirmation.isPresent()) {
            line += "\n    confirmation campaign: " + confirmation.get().explain()
                    + (unconfirmed() ? "\n    => not confirmed: the first campaign's regression did not reproduce, so it is "
                    + "reported as interference, not a regression" : "\n    => confirmed by a second, independent campaign");
        }
        if (busyMachine.isPresent()) {
            line += "\n    => INCONCLUSIVE: " + busyMachine.get();
        }
        return line;
    }
}
