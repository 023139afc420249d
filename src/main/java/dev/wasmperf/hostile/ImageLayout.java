package dev.wasmperf.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Where a PNG's chunks or a JPEG's segments lie in the file, so that mutations can cut, repeat, swap and patch whole
 * parts. A JPEG scan's part runs from its SOS marker to the next marker that is not stuffing or a restart.
 *
 * @param parts in file order, covering the file from its signature (PNG) or start-of-image marker (JPEG) to IEND or EOI
 */
record ImageLayout(Format format, List<Part> parts) {

    enum Format { PNG, JPEG }

    /** @param type the PNG chunk type ("IHDR") or the JPEG marker ("FFDA") */
    record Part(String type, int offset, int length) {
        int end() {
            return offset + length;
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    ImageLayout {
        parts = List.copyOf(parts);
    }

    /** The layout of a whole PNG or JPEG, or empty when the bytes are neither or the walk does not reach the end. */
    static Optional<ImageLayout> of(byte[] bytes) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return png(bytes);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
            return jpeg(bytes);
        }
        return Optional.empty();
    }

    /** The end of the last part: IEND's CRC or the EOI marker. */
    int end() {
        return parts.get(parts.size() - 1).end();
    }

    List<Part> partsOf(String type) {
        return parts.stream().filter(p -> p.type().equals(type)).toList();
    }

    private static Optional<ImageLayout> png(byte[] bytes) {
        List<Part> parts = new ArrayList<>(List.of(new Part("signature", 0, PNG_SIGNATURE.length)));
        int at = PNG_SIGNATURE.length;
        while (at + 8 <= bytes.length) {
            long length = Integer.toUnsignedLong(readInt(bytes, at));
            long end = at + 12 + length;
            if (end > bytes.length) {
                return Optional.empty();
            }
            String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
            parts.add(new Part(type, at, (int) (end - at)));
            if (type.equals("IEND")) {
                return Optional.of(new ImageLayout(Format.PNG, parts));
            }
            at = (int) end;
        }
        return Optional.empty();
    }

    private static Optional<ImageLayout> jpeg(byte[] bytes) {
        List<Part> parts = new ArrayList<>(List.of(new Part("FFD8", 0, 2)));
        int at = 2;
        while (at + 1 < bytes.length) {
            if ((bytes[at] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int code = bytes[at + 1] & 0xFF;
            String type = String.format("FF%02X", code);
            if (code == 0xFF) {
                at++;
                continue;
            }
            if (code == 0xD9) {
                parts.add(new Part(type, at, 2));
                return Optional.of(new ImageLayout(Format.JPEG, parts));
            }
            if (code == 0x01 || (code >= 0xD0 && code <= 0xD8)) {
                parts.add(new Part(type, at, 2));
                at += 2;
                continue;
            }
            if (at + 4 > bytes.length) {
                return Optional.empty();
            }
            int end = at + 2 + (((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF));
            if (end > bytes.length) {
                return Optional.empty();
            }
            if (code == 0xDA) {
                end = scanEnd(bytes, end);
                if (end < 0) {
                    return Optional.empty();
                }
            }
            parts.add(new Part(type, at, end - at));
            at = end;
        }
        return Optional.empty();
    }

    /** The offset of the first marker after entropy-coded data that starts at {@code from}, or -1. */
    private static int scanEnd(byte[] bytes, int from) {
        for (int at = from; at + 1 < bytes.length; at++) {
            if ((bytes[at] & 0xFF) == 0xFF) {
                int next = bytes[at + 1] & 0xFF;
                if (next != 0x00 && (next < 0xD0 || next > 0xD7)) {
                    return at;
                }
                at++;
            }
        }
        return -1;
    }

    static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
    }

    static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    /** A PNG chunk with its length and CRC. */
    static byte[] pngChunk(String type, byte[] data) {
        byte[] chunk = new byte[12 + data.length];
        writeInt(chunk, 0, data.length);
        System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 4, 4);
        System.arraycopy(data, 0, chunk, 8, data.length);
        fixPngCrc(chunk, 0);
        return chunk;
    }

    /** Recomputes the CRC of the chunk at {@code offset} after its data was patched. */
    static void fixPngCrc(byte[] bytes, int offset) {
        int length = readInt(bytes, offset);
        CRC32 crc = new CRC32();
        crc.update(bytes, offset + 4, 4 + length);
        writeInt(bytes, offset + 8 + length, (int) crc.getValue());
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
