package dev.wasmperf.baseline;

import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.PerfSettings;
import dev.wasmperf.measure.Series;
import dev.wasmperf.stats.Samples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Turns a campaign into a baseline to store. Pure. */
public final class BaselineRecorder {

    /** Stored samples per metric: enough for the test, small enough that a baseline diff stays readable. */
    public static final int MAX_SAMPLES = 100;

    private BaselineRecorder() {
    }

    public static Baseline record(String profile, Fingerprint fingerprint, CampaignResult result, PerfSettings settings, Instant now) {
        Map<String, Map<String, MetricBaseline>> metrics = new HashMap<>();
        for (Series series : result.series()) {
            Samples samples = Samples.of(series.metric().unit(), series.values());
            MetricBaseline entry = new MetricBaseline(series.metric().unit(), round(samples.median()), round(samples.scaledMad()),
                    samples.n(), settings.tolerance(series.metric(), series.subject()), bounded(series.values()), bounded(series.ratiosToNative()));
            metrics.computeIfAbsent(series.subject(), s -> new HashMap<>()).put(series.metric().key(), entry);
        }
        return new Baseline(Baseline.SCHEMA, profile, now.truncatedTo(ChronoUnit.SECONDS).toString(), fingerprint, metrics);
    }

    private static double[] bounded(double[] values) {
        return Arrays.stream(values).limit(MAX_SAMPLES).map(BaselineRecorder::round).toArray();
    }

    /** Five significant digits: far below the noise, and short in a diff. Whole numbers (bytes, KiB) stay exact. */
    static double round(double value) {
        if (value == Math.rint(value) || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(5)).doubleValue();
    }
}
