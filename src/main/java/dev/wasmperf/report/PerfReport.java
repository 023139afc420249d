package dev.wasmperf.report;

import dev.wasmperf.baseline.Fingerprint;
import dev.wasmperf.baseline.Judgement;
import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.Series;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a performance run found, ready to render: measurements, verdicts and the context to read them in.
 *
 * @param baselineStatus one paragraph: which baseline was used, or why none was
 * @param duration       wall time of the measurement campaign
 */
public record PerfReport(CampaignResult campaign, List<Judgement> judgements, Fingerprint fingerprint,
                         String baselineStatus, Duration duration) {

    public PerfReport {
        judgements = List.copyOf(judgements);
    }

    public Optional<Summary> summary(String subject, Metric metric) {
        return campaign.find(subject, metric).map(Summary::of);
    }

    public Optional<Judgement> judgement(String subject, Metric metric) {
        return judgements.stream().filter(j -> j.subject().equals(subject) && j.metric() == metric).findFirst();
    }

    public List<Series> series() {
        return campaign.series();
    }
}
