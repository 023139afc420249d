package dev.wasmperf.hostile;

import dev.wasmperf.execution.Command;
import dev.wasmperf.execution.ResourceUsage;
import dev.wasmperf.execution.RunResult;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutationCampaignTest {

    private static final Path IMAGES = Path.of(System.getProperty("basedir", "."), "fixtures/images");

    static List<MutationCampaign.Origin> images() throws IOException {
        return List.of(origin("chelsea.png"), origin("rocket.jpg"));
    }

    @Test
    void everyCaseOfEveryFixtureImageCanBeMade() throws IOException {
        List<MutationCampaign.Origin> all = new java.util.ArrayList<>();
        try (var files = Files.list(IMAGES)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                all.add(origin(file.getFileName().toString()));
            }
        }
        MutationCampaign campaign = new MutationCampaign(all, List.of(new MutationCampaign.Origin("bad", "{}".getBytes()),
                new MutationCampaign.Origin("empty", new byte[0])), 20261204);
        for (HostileCase c : campaign.cases(400)) {
            if (!c.heavy()) {
                try {
                    assertThat(campaign.request(c)).as(c.id()).isNotNull();
                } catch (RuntimeException e) {
                    throw new AssertionError(c.id() + ": " + e, e);
                }
            }
        }
    }

    private static MutationCampaign.Origin origin(String file) throws IOException {
        return new MutationCampaign.Origin(file.substring(0, file.indexOf('.')), Files.readAllBytes(IMAGES.resolve(file)));
    }

    private static MutationCampaign campaign(long seed) throws IOException {
        return new MutationCampaign(images(), List.of(new MutationCampaign.Origin("bad", "{\"image\": 42}".getBytes())), seed);
    }

    @Test
    void theLayoutCoversEachFixtureFromSignatureToEnd() throws IOException {
        for (MutationCampaign.Origin image : images()) {
            ImageLayout layout = ImageLayout.of(image.bytes()).orElseThrow();
            assertThat(layout.end()).isEqualTo(image.bytes().length);
            for (int i = 1; i < layout.parts().size(); i++) {
                assertThat(layout.parts().get(i).offset()).as("%s part %d", image.name(), i).isEqualTo(layout.parts().get(i - 1).end());
            }
        }
        assertThat(ImageLayout.of(Arrays.copyOf(images().get(0).bytes(), 5000))).isEmpty();
        assertThat(ImageLayout.of("GIF89a".getBytes())).isEmpty();
    }

    @Test
    void aSeedGivesTheSameCasesAndBytesEveryTime() throws IOException {
        List<HostileCase> first = campaign(7).cases(80);
        List<HostileCase> again = campaign(7).cases(80);
        assertThat(first).hasSize(80).isEqualTo(again);
        for (HostileCase c : first.subList(first.size() - 20, first.size())) {
            assertThat(campaign(7).request(c)).as(c.id()).isEqualTo(campaign(7).request(c));
        }
        List<HostileCase> other = campaign(8).cases(80);
        MutationCampaign seven = campaign(7);
        MutationCampaign eight = campaign(8);
        long same = first.stream().skip(40).filter(c -> Arrays.equals(seven.request(c), eight.request(other.get(first.indexOf(c))))).count();
        assertThat(same).as("cases equal under another seed").isLessThan(10);
    }

    @Test
    void theFixedCasesComeFirstAndEveryMutationIsCovered() throws IOException {
        int fixed = MutationCampaign.Handmade.values().length + 11 * 2 + 1;
        List<HostileCase> cases = campaign(1).cases(fixed);
        Set<Mutation> covered = cases.stream().map(HostileCase::mutation).collect(Collectors.toCollection(() -> EnumSet.noneOf(Mutation.class)));
        assertThat(covered).isEqualTo(EnumSet.allOf(Mutation.class));
        assertThat(campaign(1).cases(500)).hasSize(500).startsWith(cases.toArray(HostileCase[]::new));
        assertThat(campaign(1).cases(5)).containsExactlyElementsOf(cases.subList(0, 5));
    }

    @Test
    void cutsAreStrictPrefixesThatKeepTheFormatRecognisable() throws IOException {
        MutationCampaign campaign = campaign(3);
        for (HostileCase c : campaign.cases(600)) {
            if (c.mutation() == Mutation.CUT_AT_PART || c.mutation() == Mutation.CUT_ANYWHERE) {
                byte[] original = (c.origin().equals("chelsea") ? images().get(0) : images().get(1)).bytes();
                byte[] cut = campaign.image(c);
                assertThat(cut.length).as(c.id()).isBetween(8, original.length - 1);
                assertThat(cut).as(c.id()).isEqualTo(Arrays.copyOf(original, cut.length));
                assertThat(c.expected()).isEqualTo(new Expectation.Kind("truncated_image"));
            }
        }
    }

    @Test
    void patchedHeadersStayWellFormed() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        byte[] png = MutationCampaign.mutate(Mutation.HUGE_DIMENSIONS, images().get(0).bytes(), random);
        ImageLayout.Part header = ImageLayout.of(png).orElseThrow().partsOf("IHDR").get(0);
        assertThat(ImageLayout.readInt(png, header.offset() + 8)).isGreaterThan(8192);
        byte[] recomputed = png.clone();
        ImageLayout.fixPngCrc(recomputed, header.offset());
        assertThat(recomputed).as("IHDR's CRC matches its patched data").isEqualTo(png);

        byte[] jpeg = MutationCampaign.mutate(Mutation.HUGE_DIMENSIONS, images().get(1).bytes(), random);
        ImageLayout.Part frame = ImageLayout.of(jpeg).orElseThrow().parts().stream().filter(p -> p.type().startsWith("FFC0")).findFirst().orElseThrow();
        assertThat(((jpeg[frame.offset() + 5] & 0xFF) << 8) | (jpeg[frame.offset() + 6] & 0xFF)).isGreaterThan(8192);

        byte[] commented = MutationCampaign.mutate(Mutation.COMMENT_INSERTED, images().get(0).bytes(), random);
        assertThat(ImageLayout.of(commented).orElseThrow().partsOf("tEXt")).hasSize(1);
        byte[] app15 = MutationCampaign.mutate(Mutation.COMMENT_INSERTED, images().get(1).bytes(), random);
        assertThat(ImageLayout.of(app15).orElseThrow().partsOf("FFEF")).hasSize(1);
        byte[] trailer = MutationCampaign.mutate(Mutation.TRAILER, images().get(1).bytes(), random);
        assertThat(Arrays.copyOf(trailer, images().get(1).bytes().length)).isEqualTo(images().get(1).bytes());
        assertThat(trailer.length).isGreaterThan(images().get(1).bytes().length);
    }

    @Test
    void theBombIsSmallAndDecodesToABlackImage() throws IOException {
        byte[] bomb = MutationCampaign.blackPng(1024);
        assertThat(bomb.length).isLessThan(8 << 10);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bomb));
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(1024);
        assertThat(image.getRGB(512, 700) & 0xFFFFFF).isZero();
    }

    @Test
    void aCampaignRefusesAFixtureItCannotWalk() {
        assertThatThrownBy(() -> new MutationCampaign(List.of(new MutationCampaign.Origin("gif", "GIF89a....".getBytes())), List.of(), 1))
                .hasMessageContaining("fixture image gif is not a whole PNG or JPEG");
    }

    @Test
    void shrinkingKeepsWhatTheFailureNeeds() {
        byte[] input = new byte[1000];
        input[617] = 42;
        byte[] shrunk = Shrinker.shrink(input, candidate -> {
            for (byte b : candidate) {
                if (b == 42) {
                    return true;
                }
            }
            return false;
        }, 200);
        assertThat(shrunk).containsExactly(42);
    }

    @Test
    void everyCaseMustEndInAResultOrADocumentedError() {
        HostileCase cut = new HostileCase("0001-cut", Mutation.CUT_ANYWHERE, "chelsea", 1, new Expectation.Kind("truncated_image"), false, 0);
        HostileCase same = new HostileCase("0002-trailer", Mutation.TRAILER, "chelsea", 1, new Expectation.SameAs("chelsea"), false, 0);
        Map<String, String> originals = Map.of("chelsea", "classified: [286 Egyptian cat 0.9]");
        String truncated = "{\"error\":{\"kind\":\"truncated_image\",\"message\":\"cut\"}}";

        assertThat(CaseResult.judge(cut, run(2, truncated, 30_000), null, 100_000, originals).problems()).isEmpty();
        assertThat(CaseResult.judge(cut, run(2, truncated, 300_000), null, 100_000, originals).problems())
                .singleElement().asString().contains("peak RSS 300000 KiB is above the cap of 100000 KiB");
        assertThat(CaseResult.judge(cut, run(2, "{\"error\":{\"kind\":\"gremlins\",\"message\":\"?\"}}", 1), null, 100_000, originals).problems())
                .anySatisfy(p -> assertThat(p).contains("error kind 'gremlins' is not one the classifier documents"));
        assertThat(CaseResult.judge(cut, run(134, "", 1), null, 100_000, originals).problems())
                .singleElement().asString().startsWith("crashed: ");
        assertThat(CaseResult.judge(same, run(2, truncated, 1), null, 100_000, originals).problems())
                .singleElement().asString().contains("expected the same classification as chelsea (classified: [286 Egyptian cat 0.9]), got rejected: truncated_image");
    }

    private static RunResult run(int exit, String stdout, long rssKib) {
        Duration ms = Duration.ofMillis(30);
        return new RunResult(Command.of(List.of("classify")), OptionalInt.of(exit), exit > 128 ? OptionalInt.of(exit - 128) : OptionalInt.empty(),
                stdout, "", Optional.of(ResourceUsage.of(ms, ms, ms, rssKib)), ms, false, Duration.ofSeconds(60));
    }
}
