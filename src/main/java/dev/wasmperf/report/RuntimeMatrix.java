package dev.wasmperf.report;

import dev.wasmperf.format.Numbers;
import dev.wasmperf.results.BuildRole;
import dev.wasmperf.results.Metric;
import dev.wasmperf.results.ResultSet;
import dev.wasmperf.results.SubjectInfo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime x compilation-mode matrix: for every runtime (with its compiler, where it has several) and mode measured, cold start, steady-state inference and
 * peak memory as ratios to native, from the same rounds. One table that shows where each runtime loses.
 */
public final class RuntimeMatrix {

    private static final List<Metric> CELLS = List.of(Metric.COLD_START, Metric.STEADY_INFERENCE, Metric.PEAK_RSS);

    private RuntimeMatrix() {
    }

    /** The matrix against native, and when native-sse2 ran, again against it: the same vector width as simd128. */
    public static String markdown(ResultSet result) {
        String md = markdown(result, "native", "## Runtime x mode, as ratios to native\n\nEach cell: cold start / steady-state "
                + "inference / peak RSS, each the median of the per-round ratios to native (1.00 = as native). Steady state is the "
                + "fastest repeat here, the one measure every variant has.");
        String nativeIsa = result.subject("native").map(SubjectInfo::isa).filter(isa -> !isa.isEmpty()).orElse("its best kernels");
        return md + markdown(result, LIKE_FOR_LIKE, "**Like for like**: the same cells as ratios to `" + LIKE_FOR_LIKE + "`, native on "
                + "its 128-bit kernels (the simd128 kernels as SSE2 machine code) instead of " + nativeIsa + ": what is left is the "
                + "runtime's own cost at WebAssembly's vector width. The scalar module's variants (Singlepass, Chicory) run narrower "
                + "still.");
    }

    /** The native build that runs at WebAssembly's vector width. */
    static final String LIKE_FOR_LIKE = "native-sse2";

    private static String markdown(ResultSet result, String against, String heading) {
        List<SubjectInfo> wasm = result.subjects(BuildRole.CANDIDATE).stream().filter(s -> !s.mode().equals("native")).toList();
        if (wasm.isEmpty() || result.subject(against).isEmpty()) {
            return "";
        }
        Set<String> runtimes = new LinkedHashSet<>();
        Set<String> modes = new LinkedHashSet<>();
        wasm.forEach(s -> {
            runtimes.add(row(s));
            modes.add(s.mode());
        });
        StringBuilder md = new StringBuilder(heading).append("\n\n| Runtime (compiler) | ");
        modes.forEach(m -> md.append(m.toUpperCase(java.util.Locale.ROOT)).append(" | "));
        md.append("\n|---|").append("---|".repeat(modes.size())).append('\n');
        for (String runtime : runtimes) {
            md.append("| ").append(runtime).append(" | ");
            for (String mode : modes) {
                Optional<SubjectInfo> subject = wasm.stream().filter(s -> row(s).equals(runtime) && s.mode().equals(mode)).findFirst();
                md.append(subject.map(s -> cell(result, s.key(), against)).orElse("-")).append(" | ");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** The row of a variant: its name without the mode ("wasmtime-winch-aot" -> "wasmtime-winch", "wasmer-jit" -> "wasmer"). */
    static String row(SubjectInfo subject) {
        String variant = subject.variant();
        return variant.endsWith("-" + subject.mode()) ? variant.substring(0, variant.length() - subject.mode().length() - 1) : variant;
    }

    private static String cell(ResultSet result, String subject, String against) {
        StringBuilder cell = new StringBuilder();
        for (Metric metric : CELLS) {
            if (cell.length() > 0) {
                cell.append(" / ");
            }
            cell.append(SubjectSummary.ratio(result, metric, subject, against).map(e -> Numbers.fixed(e.ratio(), 2)).orElse("-"));
        }
        return cell.toString();
    }
}
