package dev.wasmperf.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one measurement campaign produced, as plain data: exporters and comparisons read it, nothing in it
 * knows how it is rendered.
 *
 * @param phasesUs      per subject, the classifier's own phase times (microseconds) from the cold-start runs
 * @param sizes         per artefact name (for example "wasmtime .cwasm"), its size in bytes
 * @param loadAverage   the 1-minute load average before and after the campaign, for the report's noise line
 * @param machineLoad   CPU time other processes used, and the hypervisor stole, during the campaign
 */
public record CampaignResult(
        List<String> subjects,
        List<Series> series,
        Map<String, WarmLoopTotals> warmLoops,
        Map<String, Map<String, double[]>> phasesUs,
        Map<String, Long> sizes,
        double[] loadAverage,
        MachineLoad machineLoad,
        String input) {

    public CampaignResult {
        subjects = List.copyOf(subjects);
        series = List.copyOf(series);
        warmLoops = Map.copyOf(warmLoops);
        phasesUs = Map.copyOf(phasesUs);
        sizes = new LinkedHashMap<>(sizes);
        loadAverage = loadAverage.clone();
    }

    public Optional<Series> find(String subject, Metric metric) {
        return series.stream().filter(s -> s.subject().equals(subject) && s.metric() == metric).findFirst();
    }

    /** A copy with more series (throughput, measured by JUnitPerf outside the campaign). */
    public CampaignResult with(List<Series> more) {
        List<Series> all = new ArrayList<>(series);
        all.addAll(more);
        return new CampaignResult(subjects, all, warmLoops, phasesUs, sizes, loadAverage, machineLoad, input);
    }
}
