package dev.wasmperf.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;

/**
 * A seeded mutation campaign: the hand-made hostile requests first, then one case of every image mutation per fixture
 * image, then seeded random cases up to the count. A case is a descriptor; its bytes are regenerated from its own seed
 * when it runs ({@link #request}), so thousands of cases cost no memory and any one of them can be replayed alone.
 */
public final class MutationCampaign {

    /** A fixture image or a bad input the cases start from. */
    public record Origin(String name, byte[] bytes) {
    }

    /** The request that is read before the 64 MiB cap refuses it: the cap must bound memory while reading. */
    static final long OVER_THE_CAP_BYTES = 256L << 20;
    /** Peak RSS allowed for it: the cap (64 MiB) plus the binary and its model, far below the request's own size. */
    static final long OVER_THE_CAP_MAX_RSS_KIB = 160L << 10;

    private static final List<Mutation> IMAGE_MUTATIONS = List.of(Mutation.BIT_FLIPS, Mutation.HEADER_BYTE, Mutation.RANGE_DUPLICATED,
            Mutation.RANGE_REMOVED, Mutation.CUT_AT_PART, Mutation.CUT_ANYWHERE, Mutation.PART_REPEATED, Mutation.PARTS_SWAPPED,
            Mutation.TRAILER, Mutation.COMMENT_INSERTED, Mutation.HUGE_DIMENSIONS);

    private final List<Origin> images;
    private final List<Origin> badInputs;
    private final long seed;

    public MutationCampaign(List<Origin> images, List<Origin> badInputs, long seed) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a mutation campaign needs at least one fixture image");
        }
        for (Origin image : images) {
            if (ImageLayout.of(image.bytes()).isEmpty()) {
                throw new IllegalArgumentException("fixture image " + image.name() + " is not a whole PNG or JPEG file; "
                        + "the campaign mutates its chunks or segments and needs to find them");
            }
        }
        this.images = List.copyOf(images);
        this.badInputs = List.copyOf(badInputs);
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The first image: the origin of the hand-made requests that carry an image. */
    public String firstImage() {
        return images.get(0).name();
    }

    /**
     * The first {@code count} cases: the hand-made requests, one case of each mutation per image and per bad input, then
     * seeded random ones.
     */
    public List<HostileCase> cases(int count) {
        List<HostileCase> cases = new ArrayList<>();
        for (Handmade request : Handmade.values()) {
            cases.add(new HostileCase(String.format("%04d-%s", cases.size(), request.slug()), Mutation.REQUEST, request.name(),
                    0, request.expected(firstImage()), request.heavy, request == Handmade.OVER_THE_CAP ? OVER_THE_CAP_MAX_RSS_KIB : 0));
        }
        // Every mutation once before any twice, each round on other images: a short campaign still covers them all.
        for (int round = 0; round < images.size(); round++) {
            for (int m = 0; m < IMAGE_MUTATIONS.size(); m++) {
                cases.add(imageCase(cases.size(), IMAGE_MUTATIONS.get(m), images.get((m + round) % images.size())));
            }
        }
        for (Origin bad : badInputs) {
            cases.add(imageCase(cases.size(), Mutation.BAD_INPUT_FLIPPED, bad));
        }
        while (cases.size() < count) {
            SplittableRandom pick = random(cases.size() ^ 0x5A5A5A5AL);
            if (!badInputs.isEmpty() && pick.nextInt(12) == 0) {
                cases.add(imageCase(cases.size(), Mutation.BAD_INPUT_FLIPPED, badInputs.get(pick.nextInt(badInputs.size()))));
            } else {
                cases.add(imageCase(cases.size(), IMAGE_MUTATIONS.get(pick.nextInt(IMAGE_MUTATIONS.size())), images.get(pick.nextInt(images.size()))));
            }
        }
        return List.copyOf(cases.subList(0, count));
    }

    private HostileCase imageCase(int index, Mutation mutation, Origin origin) {
        Expectation expected = switch (mutation) {
            case CUT_AT_PART, CUT_ANYWHERE -> new Expectation.Kind("truncated_image");
            case HUGE_DIMENSIONS -> new Expectation.Kind("image_too_large");
            case TRAILER, COMMENT_INSERTED -> new Expectation.SameAs(origin.name());
            default -> new Expectation.Documented();
        };
        String id = String.format("%04d-%s-%s", index, mutation.slug(), origin.name());
        return new HostileCase(id, mutation, origin.name(), caseSeed(index), expected, false, 0);
    }

    /** The case's stdin, regenerated from its seed. */
    public byte[] request(HostileCase c) {
        SplittableRandom random = new SplittableRandom(c.seed());
        return switch (c.mutation()) {
            case REQUEST -> Handmade.valueOf(c.origin()).bytes(image(firstImage()), random);
            case BAD_INPUT_FLIPPED -> flipBits(origin(badInputs, c.origin()).clone(), random);
            default -> imageRequest(mutate(c.mutation(), image(c.origin()), random));
        };
    }

    /** The case's image bytes (for shrinking), or null when the case is not made from an image. */
    public byte[] image(HostileCase c) {
        if (c.mutation() == Mutation.REQUEST || c.mutation() == Mutation.BAD_INPUT_FLIPPED) {
            return null;
        }
        return mutate(c.mutation(), image(c.origin()), new SplittableRandom(c.seed()));
    }

    public static byte[] imageRequest(byte[] image) {
        return ("{\"image\":\"" + Base64.getEncoder().encodeToString(image) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] mutate(Mutation mutation, byte[] original, SplittableRandom random) {
        ImageLayout layout = ImageLayout.of(original).orElseThrow();
        List<ImageLayout.Part> parts = layout.parts();
        byte[] bytes = original.clone();
        return switch (mutation) {
            case BIT_FLIPS -> flipBits(bytes, random);
            case HEADER_BYTE -> {
                bytes[random.nextInt(Math.min(600, bytes.length))] = (byte) random.nextInt(256);
                yield bytes;
            }
            case RANGE_DUPLICATED -> {
                int from = random.nextInt(bytes.length);
                int length = Math.min(1 + random.nextInt(4096), bytes.length - from);
                yield splice(bytes, random.nextInt(bytes.length), 0, Arrays.copyOfRange(bytes, from, from + length));
            }
            case RANGE_REMOVED -> {
                int at = random.nextInt(bytes.length);
                yield splice(bytes, at, Math.min(1 + random.nextInt(4096), bytes.length - at), new byte[0]);
            }
            // Cuts keep at least 8 bytes, so that the format is still recognised and the cut is what the classifier sees.
            case CUT_AT_PART -> {
                List<ImageLayout.Part> after = parts.stream().filter(p -> p.offset() >= 8).toList();
                yield Arrays.copyOf(bytes, after.get(random.nextInt(after.size())).offset());
            }
            case CUT_ANYWHERE -> Arrays.copyOf(bytes, 8 + random.nextInt(layout.end() - 8));
            case PART_REPEATED -> {
                ImageLayout.Part part = parts.get(1 + random.nextInt(parts.size() - 2));
                yield splice(bytes, part.end(), 0, Arrays.copyOfRange(bytes, part.offset(), part.end()));
            }
            case PARTS_SWAPPED -> {
                int first = 1 + random.nextInt(parts.size() - 3);
                ImageLayout.Part a = parts.get(first);
                ImageLayout.Part b = parts.get(first + 1);
                if (a.end() != b.offset()) {
                    yield flipBits(bytes, random); // fill bytes between two JPEG segments: no clean swap
                }
                byte[] swapped = bytes.clone();
                System.arraycopy(bytes, b.offset(), swapped, a.offset(), b.length());
                System.arraycopy(bytes, a.offset(), swapped, a.offset() + b.length(), a.length());
                yield swapped;
            }
            case TRAILER -> {
                byte[] trailer = randomBytes(random, 16 + random.nextInt(4096));
                // Things a careless end-of-image search would take for structure.
                byte[][] lookalikes = {{(byte) 0xFF, (byte) 0xDA, 0, 8}, {(byte) 0xFF, (byte) 0xD9}, "IEND".getBytes(StandardCharsets.US_ASCII)};
                for (byte[] lookalike : lookalikes) {
                    System.arraycopy(lookalike, 0, trailer, random.nextInt(trailer.length - lookalike.length), lookalike.length);
                }
                yield splice(bytes, layout.end(), bytes.length - layout.end(), trailer);
            }
            case COMMENT_INSERTED -> {
                if (layout.format() == ImageLayout.Format.PNG) {
                    byte[] text = ("Comment\0" + printable(random, 1 + random.nextInt(2000))).getBytes(StandardCharsets.ISO_8859_1);
                    yield splice(bytes, parts.get(1).end(), 0, ImageLayout.pngChunk("tEXt", text));
                }
                // APP15 right after SOI, holding random bytes with an end-of-image marker and a scan marker inside.
                byte[] body = randomBytes(random, 4 + random.nextInt(4000));
                body[random.nextInt(body.length - 1)] = (byte) 0xFF;
                int at = random.nextInt(body.length - 1);
                body[at] = (byte) 0xFF;
                body[at + 1] = (byte) 0xD9;
                byte[] segment = new byte[4 + body.length];
                segment[0] = (byte) 0xFF;
                segment[1] = (byte) 0xEF;
                segment[2] = (byte) ((body.length + 2) >>> 8);
                segment[3] = (byte) (body.length + 2);
                System.arraycopy(body, 0, segment, 4, body.length);
                yield splice(bytes, 2, 0, segment);
            }
            case HUGE_DIMENSIONS -> {
                int side = 20_000 + random.nextInt(40_000);
                if (layout.format() == ImageLayout.Format.PNG) {
                    ImageLayout.Part header = layout.partsOf("IHDR").get(0);
                    ImageLayout.writeInt(bytes, header.offset() + 8, side);
                    ImageLayout.writeInt(bytes, header.offset() + 12, side);
                    ImageLayout.fixPngCrc(bytes, header.offset());
                    yield bytes;
                }
                ImageLayout.Part frame = parts.stream().filter(p -> p.type().matches("FFC[0-3]")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("a JPEG without a start-of-frame segment"));
                // SOFn: marker, length (2), precision (1), height (2), width (2).
                for (int at : new int[]{frame.offset() + 5, frame.offset() + 7}) {
                    bytes[at] = (byte) (side >>> 8);
                    bytes[at + 1] = (byte) side;
                }
                yield bytes;
            }
            default -> throw new IllegalArgumentException(mutation + " is not an image mutation");
        };
    }

    /** The hand-made requests: each breaks the request parser or the decoder in one named way. */
    enum Handmade {
        DEEP_NESTING(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            }
        },
        NESTED_IMAGE(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return ("{\"image\": " + "[".repeat(200) + "1" + "]".repeat(200) + "}").getBytes(StandardCharsets.US_ASCII);
            }
        },
        INVALID_UTF8(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return concat(ascii("{\"image\": \"iVBO"), new byte[]{(byte) 0xFF, (byte) 0xFE, (byte) 0xC3}, ascii("\"}"));
            }
        },
        NUL_IN_STRING(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return concat(ascii("{\"image\": \"iVBO"), new byte[]{0}, ascii("RK\"}"));
            }
        },
        NUL_AFTER_OBJECT(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return concat(imageRequest(image), new byte[16]);
            }
        },
        ONLY_NUL_BYTES(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return new byte[4096];
            }
        },
        BYTE_ORDER_MARK(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, imageRequest(image));
            }
        },
        HUGE_BASE64_NOT_AN_IMAGE(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return imageRequest(randomBytes(random, 8 << 20));
            }
        },
        EMPTY_IMAGE(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return ascii("{\"image\": \"\"}");
            }
        },
        MIME_LINE_BREAKS(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return ascii("{\"image\": \"" + Base64.getMimeEncoder().encodeToString(image).replace("\r\n", "\\n") + "\"}");
            }
        },
        ESCAPED_BASE64(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                StringBuilder json = new StringBuilder("{\"image\": \"");
                for (char c : Base64.getEncoder().encodeToString(image).toCharArray()) {
                    json.append(String.format("\\u%04x", (int) c));
                }
                return ascii(json.append("\"}").toString());
            }
        },
        TOP_K_FRACTION(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return ascii("{\"image\": \"" + Base64.getEncoder().encodeToString(image) + "\", \"top_k\": 2.5}");
            }
        },
        TOP_K_HUGE_NUMBER(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return ascii("{\"image\": \"AAAA\", \"top_k\": 1e400}");
            }
        },
        TOP_K_EVERY_CLASS(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return ascii("{\"image\": \"" + Base64.getEncoder().encodeToString(image) + "\", \"top_k\": 1001}");
            }
        },
        PNG_BOMB_OVER_THE_LIMIT(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return imageRequest(blackPng(8193));
            }
        },
        PNG_BOMB_4096(false) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return imageRequest(blackPng(4096));
            }
        },
        PNG_BOMB_8192(true) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                return imageRequest(blackPng(8192));
            }
        },
        OVER_THE_CAP(true) {
            byte[] bytes(byte[] image, SplittableRandom random) {
                byte[] bytes = new byte[(int) OVER_THE_CAP_BYTES];
                Arrays.fill(bytes, (byte) ' ');
                bytes[bytes.length - 2] = '{';
                bytes[bytes.length - 1] = '}';
                return bytes;
            }
        };

        final boolean heavy;

        Handmade(boolean heavy) {
            this.heavy = heavy;
        }

        abstract byte[] bytes(byte[] image, SplittableRandom random);

        String slug() {
            return Mutation.slug(this);
        }

        Expectation expected(String image) {
            return switch (this) {
                case DEEP_NESTING, NESTED_IMAGE, INVALID_UTF8, NUL_IN_STRING, NUL_AFTER_OBJECT, ONLY_NUL_BYTES, TOP_K_HUGE_NUMBER ->
                        new Expectation.Kind("invalid_json");
                case HUGE_BASE64_NOT_AN_IMAGE, EMPTY_IMAGE -> new Expectation.Kind("unsupported_image");
                case MIME_LINE_BREAKS -> new Expectation.Kind("invalid_base64");
                case TOP_K_FRACTION -> new Expectation.Kind("invalid_top_k");
                case PNG_BOMB_OVER_THE_LIMIT, OVER_THE_CAP -> new Expectation.Kind("image_too_large");
                case ESCAPED_BASE64 -> new Expectation.SameAs(image);
                case BYTE_ORDER_MARK, TOP_K_EVERY_CLASS, PNG_BOMB_4096, PNG_BOMB_8192 -> new Expectation.Documented();
            };
        }
    }

    /** A black greyscale PNG of side x side pixels: a few KiB that decode to side^2 bytes (a decompression bomb). */
    static byte[] blackPng(int side) {
        byte[] header = new byte[13];
        ImageLayout.writeInt(header, 0, side);
        ImageLayout.writeInt(header, 4, side);
        header[8] = 8; // bit depth; colour type 0 (greyscale), compression, filter, interlace 0
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] row = new byte[side + 1];
        byte[] buffer = new byte[1 << 16];
        for (int y = 0; y < side; y++) {
            deflater.setInput(row);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        return concat(signature, ImageLayout.pngChunk("IHDR", header), ImageLayout.pngChunk("IDAT", compressed.toByteArray()),
                ImageLayout.pngChunk("IEND", new byte[0]));
    }

    private byte[] image(String name) {
        return origin(images, name);
    }

    private static byte[] origin(List<Origin> origins, String name) {
        return origins.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no origin named " + name)).bytes();
    }

    private long caseSeed(int index) {
        return random(index).nextLong();
    }

    private SplittableRandom random(long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }

    private static byte[] flipBits(byte[] bytes, SplittableRandom random) {
        if (bytes.length == 0) {
            return new byte[]{(byte) random.nextInt(256)}; // the empty bad input: nothing to flip, one byte to add
        }
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            int at = random.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static String printable(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (' ' + random.nextInt(95)));
        }
        return text.toString();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
