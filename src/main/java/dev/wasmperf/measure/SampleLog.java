package dev.wasmperf.measure;

import dev.wasmperf.results.Sample;
import dev.wasmperf.results.SampleKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Samples in the order they were measured, numbered from {@code firstSeq}; safe to append to from several threads. */
public final class SampleLog {

    private final int firstSeq;
    private final List<Sample> samples = new ArrayList<>();

    /** @param firstSeq the number of the first sample: 0 for a new run, the count so far for extra rounds */
    public SampleLog(int firstSeq) {
        this.firstSeq = firstSeq;
    }

    public synchronized void add(int round, Subject subject, SampleKind kind, Map<String, Double> values, Map<String, List<Double>> series) {
        samples.add(new Sample(firstSeq + samples.size(), round, subject.name(), kind, values, series));
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }
}
