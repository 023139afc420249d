package dev.wasmperf.hostile;

import dev.wasmperf.execution.Executor;
import dev.wasmperf.fixtures.StdinPayload;
import dev.wasmperf.matrix.PreparedVariant;
import dev.wasmperf.matrix.VariantRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs hostile cases through one variant's real command, a few at a time, and judges each ({@link CaseResult#judge}).
 * A case's request is written to disk just before it runs and deleted after, unless something was wrong with it.
 */
public final class CampaignRunner {

    private final MutationCampaign campaign;
    private final Executor executor;
    private final Duration timeout;
    private final long capKib;
    private final Path dir;
    private final int parallel;

    /**
     * @param dir      where requests are written while they run (dir/<variant>/<case>.json) and kept when they fail
     * @param parallel processes at a time; the cases are not timed, so both CPUs of a small machine can serve them
     */
    public CampaignRunner(MutationCampaign campaign, Executor executor, Duration timeout, long capKib, Path dir, int parallel) {
        this.campaign = campaign;
        this.executor = executor;
        this.timeout = timeout;
        this.capKib = capKib;
        this.dir = dir;
        this.parallel = parallel;
    }

    /** The cases' results in the cases' order. */
    public List<CaseResult> run(PreparedVariant variant, List<HostileCase> cases, Map<String, String> originals) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (HostileCase c : cases) {
                futures.add(pool.submit(() -> runOne(variant, c, campaign.request(c), originals, c.id() + ".json")));
            }
            List<CaseResult> results = new ArrayList<>();
            for (Future<CaseResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running hostile cases on " + variant.variant(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the harness failed on a hostile case for " + variant.variant() + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private CaseResult runOne(PreparedVariant variant, HostileCase c, byte[] request, Map<String, String> originals, String fileName) {
        Path file = dir.resolve(variant.variant().id()).resolve(fileName);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, request);
            // Killed at its limit: a decompression bomb must not take the machine's memory, whatever the runtime does.
            VariantRun run = variant.runCapped(executor, new StdinPayload(c.id(), file), timeout, c.maxRssKib() > 0 ? c.maxRssKib() : capKib);
            CaseResult result = CaseResult.judge(c, run.result(), file, capKib, originals);
            if (result.ok()) {
                Files.delete(file);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or remove the hostile request " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Shrinks a failed image case that crashed, hung, gave an unknown kind or took too much memory, against the same
     * variant: the smallest image (within {@code runs} runs) whose request still fails in the same way
     * ({@link CaseResult#failure}), written beside the original as <case>.shrunk.json. Empty for other failures and for
     * cases not made from an image.
     */
    public Optional<Path> shrink(PreparedVariant variant, CaseResult failed, Map<String, String> originals, int runs) {
        byte[] image = campaign.image(failed.hostileCase());
        // An unmet expectation is relative to the unmutated image (a trailer must change nothing): cutting the image
        // down would only find a smaller input that is rightly judged otherwise. Crashes, hangs, unknown kinds and
        // memory above the cap stand on their own.
        boolean standsAlone = failed.problems().stream().noneMatch(p -> p.startsWith("expected"));
        if (image == null || failed.ok() || !standsAlone) {
            return Optional.empty();
        }
        String failure = failed.failure();
        String candidateFile = failed.hostileCase().id() + ".candidate.json";
        byte[] smallest = Shrinker.shrink(image, candidate -> {
            CaseResult again = runOne(variant, failed.hostileCase(), MutationCampaign.imageRequest(candidate), originals, candidateFile);
            return !again.ok() && again.failure().equals(failure);
        }, runs);
        Path out = failed.request().resolveSibling(failed.hostileCase().id() + ".shrunk.json");
        try {
            Files.deleteIfExists(failed.request().resolveSibling(candidateFile));
            Files.write(out, MutationCampaign.imageRequest(smallest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the shrunk case " + out, e);
        }
        return Optional.of(out);
    }
}
