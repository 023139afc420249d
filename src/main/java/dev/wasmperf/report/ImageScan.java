package dev.wasmperf.report;

import dev.wasmperf.fixtures.ScaledImages.Scaled;
import dev.wasmperf.format.Numbers;
import dev.wasmperf.stats.Samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How each variant's cost grows with the image: the program's phases (decode, preprocess, inference) and the whole
 * process, per image size. The network's input is always 224x224, so inference should stay flat while decode and
 * preprocess grow with the pixels; decoding and resampling are scalar code and inference is SIMD, so the ratios to native
 * differ by phase, and the scan shows in which phase each runtime loses. Reported, not judged: a few runs per size.
 */
public final class ImageScan {

    /** The phases the scan reports, with the key of each in the classifier's phases_us (or "wall" for the process). */
    public enum Phase {
        DECODE("decode", "decode"),
        PREPROCESS("preprocess", "preprocess (resample to 224x224)"),
        INFERENCE("inference", "first inference"),
        WALL("wall", "whole process, exec to exit");

        private final String key;
        private final String title;

        Phase(String key, String title) {
            this.key = key;
            this.title = title;
        }

        public String key() {
            return key;
        }

        public String title() {
            return title;
        }
    }

    private final List<Scaled> sizes;
    /** Per variant (in the order they were measured), per long side, per phase: the runs' times in ms. */
    private final Map<String, Map<Integer, Map<Phase, List<Double>>>> times = new LinkedHashMap<>();

    public ImageScan(List<Scaled> sizes) {
        this.sizes = List.copyOf(sizes);
    }

    public List<Scaled> sizes() {
        return sizes;
    }

    /** Runs of a variant that crashed in a known defect of its runtime, with what happened, for the section. */
    private final Map<String, String> crashed = new LinkedHashMap<>();

    public synchronized void crashed(String variant, String what) {
        crashed.put(variant, what);
    }

    /** One run of {@code variant} on the image whose long side is {@code longSide}. */
    public synchronized void add(String variant, int longSide, Map<Phase, Double> ms) {
        Map<Phase, List<Double>> phases = times.computeIfAbsent(variant, v -> new LinkedHashMap<>())
                .computeIfAbsent(longSide, s -> new LinkedHashMap<>());
        ms.forEach((phase, value) -> phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(value));
    }

    /** The median of a variant's runs at one size and phase, if it ran there. */
    public synchronized Optional<Double> median(String variant, int longSide, Phase phase) {
        List<Double> values = times.getOrDefault(variant, Map.of()).getOrDefault(longSide, Map.of()).getOrDefault(phase, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(Samples.of("ms", values).median());
    }

    /** Runs per size of a variant (the fewest over its sizes). */
    private int runs(String variant) {
        return times.getOrDefault(variant, Map.of()).values().stream().mapToInt(p -> p.getOrDefault(Phase.WALL, List.of()).size())
                .min().orElse(0);
    }

    /**
     * The report's section: the inputs, then per phase a table of medians with the ratio to native at the same size, and
     * the charts (files named in {@code charts}, relative to the report).
     *
     * @param notRun variants left out, with the reason
     */
    public synchronized String markdown(String fixture, String reference, Map<Phase, String> charts, Map<String, String> notRun) {
        StringBuilder md = new StringBuilder("## How cost grows with the image\n\n");
        md.append("The fixture `").append(fixture).append("` resampled (bicubic) to each long side and encoded as baseline JPEG at quality ")
                .append("90, classified by every variant; the network's input is always 224x224, so inference should stay flat while ")
                .append("decode and preprocess grow with the pixels. Decoding and resampling are scalar code, inference is SIMD ")
                .append("(native: ").append(reference).append("): a ratio to native per phase shows where each runtime loses. Medians of ")
                .append("the runs per size (n below; reported, not judged: the timed rounds above judge the fixture's own size). The ")
                .append("phases are the classifier's own clock; the whole process is the launcher's, exec to exit.\n\n");
        md.append("| Long side | Pixels | JPEG bytes |\n|---|---|---|\n");
        for (Scaled size : sizes) {
            md.append("| ").append(size.longSide()).append(" px | ").append(size.label()).append(" | ")
                    .append(Numbers.value(size.jpegBytes())).append(" |\n");
        }
        md.append("\nRuns per size: ");
        List<String> counts = new ArrayList<>();
        times.keySet().forEach(v -> counts.add(v + " " + runs(v)));
        md.append(String.join(", ", counts)).append(".\n\n");
        for (Phase phase : Phase.values()) {
            md.append("**").append(Character.toUpperCase(phase.title().charAt(0))).append(phase.title().substring(1))
                    .append("**, ms (ratio to native at the same size)");
            Optional.ofNullable(charts.get(phase)).ifPresent(chart -> md.append(": [chart](").append(chart).append(")"));
            md.append("\n\n| Variant |");
            sizes.forEach(s -> md.append(' ').append(s.longSide()).append(" px |"));
            md.append("\n|---|").append("---|".repeat(sizes.size())).append('\n');
            for (String variant : times.keySet()) {
                md.append("| ").append(variant).append(" |");
                for (Scaled size : sizes) {
                    Optional<Double> value = median(variant, size.longSide(), phase);
                    Optional<Double> nativeValue = median("native", size.longSide(), phase);
                    md.append(' ').append(value.map(Numbers::value).orElse("-"));
                    if (value.isPresent() && nativeValue.isPresent() && !variant.equals("native") && nativeValue.get() > 0) {
                        md.append(String.format(Locale.ROOT, " (%sx)", Numbers.fixed(value.get() / nativeValue.get(), 2)));
                    }
                    md.append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        notRun.forEach((variant, reason) -> md.append("Not scanned: ").append(variant).append(" (").append(reason).append(").\n"));
        crashed.forEach((variant, what) -> md.append("Known runtime crash: ").append(variant).append(", ").append(what)
                .append("; a size without a completed run has no value.\n"));
        return md.append('\n').toString();
    }

    /** A chart of one phase: a line per variant over the sizes (a log axis when the variants lie far apart). */
    public synchronized String svg(Phase phase) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String variant : times.keySet()) {
            series.put(variant, sizes.stream().mapToDouble(s -> median(variant, s.longSide(), phase).orElse(Double.NaN)).toArray());
        }
        return SvgChart.lines(phase.title() + " against the image's long side", "ms",
                sizes.stream().map(s -> s.longSide() + " px").toList(), series);
    }
}
