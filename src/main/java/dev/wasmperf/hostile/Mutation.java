package dev.wasmperf.hostile;

import java.util.Locale;

/** The ways a case is made from a fixture image, a bad input, or nothing (a request built to break the parser). */
public enum Mutation {
    BIT_FLIPS("1 to 8 bits flipped anywhere in the image"),
    HEADER_BYTE("a byte among the first 600 (headers, segment lengths) replaced"),
    RANGE_DUPLICATED("up to 4 KiB of the image copied to another place"),
    RANGE_REMOVED("up to 4 KiB of the image removed"),
    CUT_AT_PART("the image cut where a PNG chunk or JPEG segment starts"),
    CUT_ANYWHERE("the image cut at a random byte before its end"),
    PART_REPEATED("a PNG chunk or JPEG segment repeated"),
    PARTS_SWAPPED("two neighbouring PNG chunks or JPEG segments swapped"),
    TRAILER("bytes after the end (some look like markers or chunks)"),
    COMMENT_INSERTED("a comment chunk or APP15 segment of random bytes inserted"),
    HUGE_DIMENSIONS("a width and height of tens of thousands of pixels declared in the header"),
    BAD_INPUT_FLIPPED("bits flipped in a bad input's request"),
    REQUEST("a hand-made hostile request (nesting, sizes, encodings, NUL bytes)");

    private final String description;

    Mutation(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** "cut-at-part" */
    public String slug() {
        return slug(this);
    }

    /** An enum constant as it appears in case ids: HUGE_DIMENSIONS -> huge-dimensions. */
    static String slug(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
