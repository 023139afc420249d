package dev.wasmperf.suite;

import dev.wasmperf.config.SuiteConfig;
import dev.wasmperf.execution.ClassifierOutput;
import dev.wasmperf.fixtures.BadInput;
import dev.wasmperf.fixtures.Fixture;
import dev.wasmperf.hostile.CampaignRunner;
import dev.wasmperf.hostile.CaseResult;
import dev.wasmperf.hostile.HostileCase;
import dev.wasmperf.hostile.Mutation;
import dev.wasmperf.hostile.MutationCampaign;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.Variant;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input through the real binaries: a seeded mutation campaign (dev.wasmperf.hostile) of the fixture images and
 * bad inputs. Native runs every case; every other variant runs a seeded sample and must end each case as native did
 * (the same error kind, or the same top list): parity of errors.
 */
@ExtendWith(SuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Hostile input: seeded mutations end in a result or a documented error, never a crash, hang or blow-up, the same on every variant")
class FuzzIT {

    private static final int SHRUNK_FAILURES = 3;

    /** Native's results, run once by whichever test needs them first. */
    private Map<String, CaseResult> nativeOutcomes;

    static Stream<Variant> others(Suite suite) {
        return suite.selection().selected().stream().filter(variant -> variant != Variant.NATIVE);
    }

    @Test
    @DisplayName("hostile input: native survives the whole campaign")
    void nativeSurvivesTheCampaign(Suite suite) {
        Assumptions.assumeTrue(suite.selection().selected().contains(Variant.NATIVE),
                "Skipped: the campaign's full run is native's, which is not selected (variants=" + Variant.ids(suite.selection().selected()) + ").");
        PreparedVariant prepared = Availability.prepared(suite, Variant.NATIVE);
        Reporting.describe(suite, "Hostile input", "mutation campaign", prepared, "Every case of the seeded campaign (seed "
                + suite.config().string("fuzz.seed") + ") must end with exit 0 and a result or exit 2 and a documented error kind, "
                + "within the memory cap and the run timeout, and as its mutation dictates where it does (a cut file is truncated_image, "
                + "a trailer changes nothing).");
        List<CaseResult> results = new ArrayList<>(nativeResults(suite).values());
        check(suite, prepared, results);
    }

    @DisplayName("hostile input:")
    @ParameterizedTest(name = "{0} ends the sampled cases as native does", allowZeroInvocations = true)
    @MethodSource("others")
    void endsTheSampleAsNativeDoes(Variant variant, Suite suite) {
        PreparedVariant prepared = Availability.prepared(suite, variant);
        boolean parity = suite.selection().selected().contains(Variant.NATIVE);
        Reporting.describe(suite, "Hostile input", "mutation campaign", prepared, "A seeded sample of the campaign's cases must end "
                + "with a result or a documented error within the memory cap"
                + (parity ? ", and exactly as on native (the same error kind, or the same top list)." : "; native is not selected, so no parity check."));
        List<HostileCase> sample = sample(suite, prepared.variant());
        CampaignRunner runner = runner(suite, variant);
        long started = System.nanoTime();
        List<CaseResult> results = new ArrayList<>(runner.run(prepared, sample, originals(suite, prepared)));
        announce(variant + ": " + sample.size() + " sampled cases", results, started);
        if (parity) {
            Map<String, CaseResult> onNative = nativeResults(suite);
            for (int i = 0; i < results.size(); i++) {
                CaseResult result = results.get(i);
                String expected = onNative.get(result.hostileCase().id()).outcome();
                if (!expected.equals(result.outcome()) && result.ok()) {
                    List<String> problems = List.of("ended differently from native: native " + expected + ", " + variant + " " + result.outcome());
                    results.set(i, new CaseResult(result.hostileCase(), result.outcome(), problems, result.run(), result.request()));
                    keep(suite, result);
                }
            }
        }
        check(suite, prepared, results);
    }

    private synchronized Map<String, CaseResult> nativeResults(Suite suite) {
        if (nativeOutcomes == null) {
            PreparedVariant prepared = Availability.prepared(suite, Variant.NATIVE);
            List<HostileCase> cases = campaign(suite).cases(suite.config().integer("fuzz.cases", 0));
            long started = System.nanoTime();
            List<CaseResult> results = runner(suite, Variant.NATIVE).run(prepared, cases, originals(suite, prepared));
            announce("native: " + cases.size() + " cases", results, started);
            nativeOutcomes = new LinkedHashMap<>();
            results.forEach(r -> nativeOutcomes.put(r.hostileCase().id(), r));
        }
        return nativeOutcomes;
    }

    /**
     * One case of every mutation of an image or bad input, then the hand-made requests that are not heavy, then seeded
     * picks from the rest: a small sample (the container run's) still reaches the decoders.
     */
    private List<HostileCase> sample(Suite suite, Variant variant) {
        List<HostileCase> all = campaign(suite).cases(suite.config().integer("fuzz.cases", 0)).stream().filter(c -> !c.heavy()).toList();
        // A slow variant's group may declare a smaller sample (fuzz.sample.<group>); never a larger one than fuzz.sample.
        int size = Math.min(all.size(), suite.config().integer("fuzz.sample", 1));
        Optional<String> smaller = suite.config().groupKey("fuzz.sample", variant.groups());
        if (smaller.isPresent()) {
            size = Math.min(size, suite.config().integer(smaller.get(), 1));
        }
        Map<Object, HostileCase> firstOfEach = new LinkedHashMap<>();
        all.stream().filter(c -> c.mutation() != Mutation.REQUEST).forEach(c -> firstOfEach.putIfAbsent(c.mutation(), c));
        all.stream().filter(c -> c.mutation() == Mutation.REQUEST).forEach(c -> firstOfEach.putIfAbsent(c.origin(), c));
        List<HostileCase> sample = new ArrayList<>(firstOfEach.values().stream().limit(size).toList());
        SplittableRandom random = new SplittableRandom(seed(suite));
        while (sample.size() < size) {
            HostileCase pick = all.get(random.nextInt(all.size()));
            if (!sample.contains(pick)) {
                sample.add(pick);
            }
        }
        return sample;
    }

    private static void check(Suite suite, PreparedVariant prepared, List<CaseResult> results) {
        Map<String, Long> outcomes = results.stream().collect(Collectors.groupingBy(r -> r.outcome().startsWith("classified") ? "classified" : r.outcome(),
                TreeMap::new, Collectors.counting()));
        Allure.addAttachment("outcomes", "text/plain", outcomes.entrySet().stream().map(e -> e.getValue() + "  " + e.getKey())
                .collect(Collectors.joining("\n")), ".txt");
        List<CaseResult> failed = results.stream().filter(r -> !r.ok()).toList();
        // A runtime's known crash (fuzz.knownCrash.<group>) is reported, not failed: it is the runtime's defect, not the
        // classifier's, and every other problem of the same run still fails.
        Optional<String> knownCrash = knownCrash(suite, prepared.variant());
        List<CaseResult> known = knownCrash.isEmpty() ? List.of() : failed.stream()
                .filter(r -> r.problems().stream().allMatch(p -> p.startsWith("crashed: was killed by signal"))).toList();
        if (!known.isEmpty()) {
            String report = String.format("%s: %d case(s) crashed by a signal, a known defect of this runtime: %s%n%s", prepared.variant(), known.size(),
                    knownCrash.get(), known.stream().map(r -> "- " + r.hostileCase().id() + ": " + r.problems().get(0) + "\n    request: " + r.request())
                            .collect(Collectors.joining("\n")));
            System.out.println("[wasm-perf-suite] KNOWN DEFECT " + report);
            Allure.addAttachment("known runtime defect", "text/plain", report, ".txt");
            failed = failed.stream().filter(r -> !known.contains(r)).toList();
        }
        if (failed.isEmpty()) {
            return;
        }
        CampaignRunner runner = runner(suite, prepared.variant());
        Map<String, Long> byMutation = failed.stream().collect(Collectors.groupingBy(r -> r.hostileCase().mutation().slug(), TreeMap::new, Collectors.counting()));
        StringBuilder message = new StringBuilder(String.format("%s: %d of %d hostile cases ended wrongly (seed %s; by mutation: %s):%n",
                prepared.variant(), failed.size(), results.size(), suite.config().string("fuzz.seed"), byMutation));
        for (int i = 0; i < failed.size(); i++) {
            CaseResult r = failed.get(i);
            if (i < 10) {
                message.append(String.format("- %s (%s, expected %s): %s%n    request: %s%n", r.hostileCase().id(), r.hostileCase().mutation().description(),
                        r.hostileCase().expected(), String.join("; ", r.problems()), r.request()));
            }
            // A parity failure shows only beside native's outcome; shrinking checks one variant alone.
            if (i < SHRUNK_FAILURES && !r.problems().get(0).startsWith("ended differently")) {
                runner.shrink(prepared, r, originals(suite, prepared), suite.config().integer("fuzz.shrink.runs", 0))
                        .ifPresent(shrunk -> message.append("    shrunk to: ").append(shrunk).append('\n'));
            }
        }
        message.append("What to do: feed a request to the command on stdin to reproduce (").append(prepared.command().display())
                .append(" < <request>). Fix the classifier or the runtime; if the case shows a rejection the classifier should make, "
                        + "copy the (shrunk) request to fixtures/bad/ and add it to fixtures/manifest.json under \"bad\" with its expected kind.");
        Allure.addAttachment("failed cases", "text/plain", message.toString(), ".txt");
        throw new AssertionError(message.toString());
    }

    /** Writes a case's request back (it was removed when the case looked fine on its own) so that it can be replayed. */
    private static void keep(Suite suite, CaseResult result) {
        try {
            Files.write(result.request(), campaign(suite).request(result.hostileCase()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void announce(String what, List<CaseResult> results, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        Map<String, Long> kinds = results.stream().collect(Collectors.groupingBy(CaseResult::kind, TreeMap::new, Collectors.counting()));
        String line = String.format("fuzz: %s in %.1f s (%.1f cases/s): %s; %d wrong", what, seconds, results.size() / seconds, kinds,
                results.stream().filter(r -> !r.ok()).count());
        System.out.println("[wasm-perf-suite] " + line);
        Allure.addAttachment("campaign", "text/plain", line, ".txt");
    }

    /** Each fixture image's own outcome on this variant: what a trailer or a comment must not change. */
    private static Map<String, String> originals(Suite suite, PreparedVariant prepared) {
        Map<String, String> originals = new LinkedHashMap<>();
        for (Fixture fixture : suite.manifest().fixtures()) {
            originals.put(fixture.name(), CaseResult.outcome(ClassifierOutput.of(suite.run(prepared, suite.request(fixture)).result())));
        }
        return originals;
    }

    private static MutationCampaign campaign(Suite suite) {
        List<MutationCampaign.Origin> images = suite.manifest().fixtures().stream().map(f -> new MutationCampaign.Origin(f.name(), read(f.image()))).toList();
        List<MutationCampaign.Origin> bad = suite.manifest().bad().stream().map((BadInput b) -> new MutationCampaign.Origin(b.name(), read(b.payload()))).toList();
        return new MutationCampaign(images, bad, seed(suite));
    }

    /** fuzz.knownCrash.<group>: the variant's name, compiler, runtime or mode, the most specific one set (ImageScanIT too). */
    static Optional<String> knownCrash(Suite suite, Variant variant) {
        return suite.config().groupKey("fuzz.knownCrash", variant.groups()).map(suite.config()::string);
    }

    private static long seed(Suite suite) {
        String raw = suite.config().string("fuzz.seed");
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fuzz.seed must be a whole number (the campaign's seed), got '" + raw + "'", e);
        }
    }

    /** The runner for one variant: its group may declare a larger memory cap (fuzz.memory.cap.mib.&lt;group&gt;: a JVM's own). */
    private static CampaignRunner runner(Suite suite, Variant variant) {
        SuiteConfig config = suite.config();
        int parallel = suite.inContainers() ? 1 : config.integer("fuzz.parallel", 1);
        String capKey = config.groupKey("fuzz.memory.cap.mib", variant.groups()).orElse("fuzz.memory.cap.mib");
        return new CampaignRunner(campaign(suite), suite.executor(), suite.runTimeout(), (long) config.integer(capKey, 1) << 10,
                config.targetDir().resolve("fuzz"), parallel);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixture " + file + " the campaign mutates: " + e.getMessage(), e);
        }
    }
}
