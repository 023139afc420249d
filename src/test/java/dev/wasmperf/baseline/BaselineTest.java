package dev.wasmperf.baseline;

import dev.wasmperf.machine.MachineIdentity;
import dev.wasmperf.measure.CampaignResult;
import dev.wasmperf.measure.MachineLoad;
import dev.wasmperf.measure.Metric;
import dev.wasmperf.measure.PerfSettings;
import dev.wasmperf.measure.Series;
import dev.wasmperf.stats.Verdict;
import dev.wasmperf.stats.VerdictRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaselineTest {

    static final PerfSettings SETTINGS = settings();

    static PerfSettings settings() {
        Map<Metric, Double> tolerances = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            tolerances.put(m, m == Metric.ARTEFACT_SIZE ? 0.01 : 0.10);
        }
        return new PerfSettings("chelsea", 1, 15, 10, 10, 5, 0.01, tolerances, Map.of(), true, 0.10);
    }

    /** A Zen 3 VM, or with "Intel" in the name an AVX-512 Intel one: two machine kinds. */
    static MachineIdentity machine(String cpu) {
        return cpu.contains("Intel") ? new MachineIdentity("GenuineIntel", 6, 143, 8, cpu, List.of("avx2", "avx512f"), 2, 24, "KVM")
                : new MachineIdentity("AuthenticAMD", 25, 1, 1, cpu, List.of("avx2"), 2, 24, "KVM");
    }

    static Fingerprint fingerprint(String cpu, String wasmtime, String nativeSha) {
        return new Fingerprint(machine(cpu), "rustc 1.96.0", Map.of("wasmtime", wasmtime), "7aad", "simd", Map.of("input", "chelsea"),
                "Linux 6.1", "Debian 17", Map.of("mobilenet-classify", nativeSha));
    }

    /** n noisy samples around a median (about 3% multiplicative noise). */
    static double[] around(double median, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * (1 + 0.03 * random.nextGaussian());
        }
        return values;
    }

    static CampaignResult campaign(double nativeMs, double jitMs, long seed) {
        double[] nativeWall = around(nativeMs, 15, seed);
        double[] jitWall = around(jitMs, 15, seed + 1);
        double[] ratios = new double[15];
        for (int i = 0; i < 15; i++) {
            ratios[i] = jitWall[i] / nativeWall[i];
        }
        return new CampaignResult(List.of("native", "wasmtime-jit"), List.of(
                new Series("native", Metric.COLD_START, nativeWall, new double[0]),
                new Series("wasmtime-jit", Metric.COLD_START, jitWall, ratios),
                new Series("native", Metric.ARTEFACT_SIZE, new double[] {4_604_744}, new double[0])),
                Map.of(), Map.of(), Map.of("native", 4_604_744L), new double[] {0.5, 0.6}, MachineLoad.UNKNOWN, "chelsea");
    }

    @Test
    void writesAndReadsBackTheSameBaselineAtomically(@TempDir Path dir) throws Exception {
        BaselineStore store = new BaselineStore(dir);
        Baseline baseline = BaselineRecorder.record("amd-epyc-2c", fingerprint("AMD EPYC", "49.0.2", "aa"), campaign(30, 750, 1),
                SETTINGS, Instant.parse("2026-11-27T08:00:00Z"));
        Path file = store.write(baseline);

        assertThat(file).isEqualTo(dir.resolve("amd-epyc-2c.json"));
        assertThat(Files.list(dir)).containsExactly(file); // no temporary file left behind
        Baseline read = store.load("amd-epyc-2c").orElseThrow();
        assertThat(read.fingerprint()).isEqualTo(baseline.fingerprint());
        MetricBaseline cold = read.find("wasmtime-jit", "cold-start").orElseThrow();
        assertThat(cold.n()).isEqualTo(15);
        assertThat(cold.samples()).hasSize(15);
        assertThat(cold.ratioSamples()).hasSize(15);
        assertThat(cold.median()).isCloseTo(750, org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(Files.readString(file)).contains("\"model_sha256\" : \"7aad\"", "\"cold-start\"");
        assertThat(store.load("other-profile")).isEmpty();
    }

    @Test
    void aCorruptBaselineNamesTheFileAndTheFix(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("amd-epyc-2c.json"), "{ \"schema\": 1, \"profile\": ");
        assertThatThrownBy(() -> new BaselineStore(dir).load("amd-epyc-2c"))
                .isInstanceOf(BaselineException.class)
                .hasMessageContaining("amd-epyc-2c.json is not a valid baseline")
                .hasMessageContaining(BaselineStore.UPDATE_COMMAND);
    }

    @Test
    void identityDifferencesBlockButBuildDifferencesOnlyInform() {
        Fingerprint base = fingerprint("AMD EPYC", "49.0.2", "aa");
        assertThat(fingerprint("AMD EPYC", "49.0.2", "bb").identityDifferences(base)).isEmpty();
        assertThat(fingerprint("AMD EPYC", "49.0.2", "bb").buildDifferences(base))
                .containsExactly("artefact SHA-256 mobilenet-classify: baseline aa, now bb");
        assertThat(fingerprint("Intel Xeon", "50.0.0", "aa").identityDifferences(base))
                .containsExactly("CPU vendor: baseline AuthenticAMD, now GenuineIntel", "CPU family/model/stepping: baseline 25/1/1, now 6/143/8",
                        "ISA features: baseline [avx2], now [avx2, avx512f]", "runtime wasmtime: baseline 49.0.2, now 50.0.0");
        assertThat(base.machineProfile()).isEqualTo("amd-f25m1s1-avx2-2c-24g");
        assertThat(fingerprint("Intel(R) Xeon(R) Platinum", "1", "a").machineProfile()).isEqualTo("intel-f6m143s8-avx512-2c-24g");
    }

    @Test
    void wasmTimingsAreJudgedByTheirRatioToNativeAndSizesExactly() {
        Baseline baseline = BaselineRecorder.record("p", fingerprint("AMD EPYC", "49.0.2", "aa"), campaign(30, 750, 1), SETTINGS, Instant.now());

        // The whole machine 30% slower: native's absolute time regresses, the JIT's ratio to native does not.
        BaselineComparison.Outcome slowMachine = BaselineComparison.judge(campaign(39, 975, 7), baseline, SETTINGS,
                VerdictRule.defaults(), name -> name);
        Judgement nativeCold = find(slowMachine, "native", Metric.COLD_START);
        Judgement jitCold = find(slowMachine, "wasmtime-jit", Metric.COLD_START);
        assertThat(nativeCold.judgedByRatio()).isFalse();
        assertThat(nativeCold.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(jitCold.judgedByRatio()).isTrue();
        assertThat(jitCold.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(jitCold.absolute().orElseThrow().verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(find(slowMachine, "native", Metric.ARTEFACT_SIZE).verdict()).isEqualTo(Verdict.UNCHANGED);

        // On a shared machine that slowdown of native's absolute time is reported, not asserted, unless asked for.
        assertThat(nativeCold.asserted(false)).isFalse();
        assertThat(nativeCold.asserted(true)).isTrue();
        assertThat(jitCold.asserted(false)).isTrue();
        assertThat(find(slowMachine, "native", Metric.ARTEFACT_SIZE).asserted(false)).isTrue();

        // The JIT alone 25% slower: its ratio regresses, and the message says how to accept it.
        BaselineComparison.Outcome slowJit = BaselineComparison.judge(campaign(30, 940, 9), baseline, SETTINGS,
                VerdictRule.defaults(), name -> name);
        Judgement regressed = find(slowJit, "wasmtime-jit", Metric.COLD_START);
        assertThat(regressed.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(regressed.explain()).contains("wasmtime-jit", "cold start", "x native", "tolerance", "REGRESSED");
        assertThat(find(slowJit, "native", Metric.COLD_START).verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void jitVariantsHaveTheirOwnToleranceAndOthersTheMetrics() {
        Map<Metric, Double> tolerances = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            tolerances.put(m, 0.10);
        }
        PerfSettings settings = new PerfSettings("chelsea", 1, 15, 10, 10, 5, 0.01, tolerances, Map.of(Metric.COLD_START, 0.30), true, 0.10);
        assertThat(settings.tolerance(Metric.COLD_START, "wasmtime-jit")).isEqualTo(0.30);
        assertThat(settings.tolerance(Metric.COLD_START, "wasmtime-aot")).isEqualTo(0.10);
        assertThat(settings.tolerance(Metric.PEAK_RSS, "wasmer-jit")).isEqualTo(0.10);
        assertThat(settings.tolerance(Metric.COLD_START, "native (canary)")).isEqualTo(0.10);

        // The JIT 25% slower: beyond the metric's 10%, within the JIT's own 30%.
        Baseline baseline = BaselineRecorder.record("p", fingerprint("AMD EPYC", "49.0.2", "aa"), campaign(30, 750, 1), settings, Instant.now());
        assertThat(baseline.find("wasmtime-jit", "cold-start").orElseThrow().tolerance()).isEqualTo(0.30);
        Judgement jit = find(BaselineComparison.judge(campaign(30, 940, 9), baseline, settings, VerdictRule.defaults(), n -> n),
                "wasmtime-jit", Metric.COLD_START);
        assertThat(jit.primary().tolerance().relative()).isEqualTo(0.30);
        assertThat(jit.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void aRegressionStandsOnlyIfTheConfirmationCampaignFlagsItToo() {
        Baseline baseline = BaselineRecorder.record("p", fingerprint("AMD EPYC", "49.0.2", "aa"), campaign(30, 750, 1), SETTINGS, Instant.now());
        Judgement first = find(BaselineComparison.judge(campaign(30, 940, 9), baseline, SETTINGS, VerdictRule.defaults(), n -> n),
                "wasmtime-jit", Metric.COLD_START);
        assertThat(first.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(first.verdictLabel()).isEqualTo("REGRESSED");

        // The second campaign is back to normal: the first one saw interference, not a regression.
        Judgement quiet = find(BaselineComparison.judge(campaign(30, 752, 21), baseline, SETTINGS, VerdictRule.defaults(), n -> n),
                "wasmtime-jit", Metric.COLD_START);
        Judgement unconfirmed = first.confirmedBy(quiet.primary());
        assertThat(unconfirmed.unconfirmed()).isTrue();
        assertThat(unconfirmed.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(unconfirmed.verdictLabel()).isEqualTo("UNCHANGED (regression not confirmed)");
        assertThat(unconfirmed.explain()).contains("confirmation campaign", "not confirmed");

        // The second campaign sees it again: it stands.
        Judgement again = find(BaselineComparison.judge(campaign(30, 945, 33), baseline, SETTINGS, VerdictRule.defaults(), n -> n),
                "wasmtime-jit", Metric.COLD_START);
        Judgement confirmed = first.confirmedBy(again.primary());
        assertThat(confirmed.unconfirmed()).isFalse();
        assertThat(confirmed.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(confirmed.verdictLabel()).isEqualTo("REGRESSED (confirmed)");
        assertThat(confirmed.explain()).contains("confirmed by a second, independent campaign");
    }

    @Test
    void aTimingFlaggedOnlyWhileTheMachineWasBusyIsInconclusive() {
        Baseline baseline = BaselineRecorder.record("p", fingerprint("AMD EPYC", "49.0.2", "aa"), campaign(30, 750, 1), SETTINGS, Instant.now());
        Judgement first = find(BaselineComparison.judge(campaign(30, 940, 9), baseline, SETTINGS, VerdictRule.defaults(), n -> n),
                "wasmtime-jit", Metric.COLD_START);
        var again = Optional.of(find(BaselineComparison.judge(campaign(30, 945, 33), baseline, SETTINGS, VerdictRule.defaults(), n -> n),
                "wasmtime-jit", Metric.COLD_START).primary());
        var gone = Optional.of(find(BaselineComparison.judge(campaign(30, 752, 21), baseline, SETTINGS, VerdictRule.defaults(), n -> n),
                "wasmtime-jit", Metric.COLD_START).primary());
        MachineLoad quiet = new MachineLoad(0.005, 0.0);
        MachineLoad busy = new MachineLoad(0.366, 0.0);

        assertThat(BaselineComparison.settle(first, quiet, Optional.empty(), Optional.empty(), 0.10).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(BaselineComparison.settle(first, MachineLoad.UNKNOWN, again, Optional.of(MachineLoad.UNKNOWN), 0.10).verdict())
                .isEqualTo(Verdict.REGRESSED);
        // Busy in the only campaign, or in both: not judged, with the shares in the message.
        Judgement alone = BaselineComparison.settle(first, busy, Optional.empty(), Optional.empty(), 0.10);
        assertThat(alone.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(alone.explain()).contains("INCONCLUSIVE", "36.6%", "perf.busyMachine.otherProcesses=10%");
        Judgement both = BaselineComparison.settle(first, busy, again, Optional.of(new MachineLoad(0.364, 0.001)), 0.10);
        assertThat(both.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(both.verdictLabel()).isEqualTo("INCONCLUSIVE (machine busy)");
        assertThat(both.explain()).contains("36.6%", "and 36.4% during the confirmation");
        assertThat(both.flaggedInEveryCampaign()).isTrue();
        // One quiet campaign that flags it is enough; a regression that does not reproduce is no regression.
        assertThat(BaselineComparison.settle(first, busy, again, Optional.of(quiet), 0.10).verdict()).isEqualTo(Verdict.REGRESSED);
        Judgement vanished = BaselineComparison.settle(first, busy, gone, Optional.of(quiet), 0.10);
        assertThat(vanished.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(vanished.flaggedInEveryCampaign()).isFalse();
    }

    @Test
    void memoryIsJudgedOnABusyMachineToo() {
        Series rss = new Series("native", Metric.PEAK_RSS, around(30_000, 15, 5), new double[0]);
        Baseline withRss = BaselineRecorder.record("p", fingerprint("AMD EPYC", "49.0.2", "aa"), campaign(30, 750, 2).with(List.of(rss)),
                SETTINGS, Instant.now());
        CampaignResult now = campaign(30, 750, 3).with(List.of(new Series("native", Metric.PEAK_RSS, around(40_000, 15, 6), new double[0])));
        Judgement memory = find(BaselineComparison.judge(now, withRss, SETTINGS, VerdictRule.defaults(), n -> n), "native", Metric.PEAK_RSS);
        assertThat(memory.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(BaselineComparison.settle(memory, new MachineLoad(0.5, 0), Optional.empty(), Optional.empty(), 0.10).verdict())
                .isEqualTo(Verdict.REGRESSED);
    }

    private static Judgement find(BaselineComparison.Outcome outcome, String subject, Metric metric) {
        return outcome.judgements().stream().filter(j -> j.subject().equals(subject) && j.metric() == metric).findFirst().orElseThrow();
    }
}
