package org.jointraft.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Segment files: {@code segment-NNNNNNNNNNNNNNNNNNNN.wal}, numbered 1, 2, ... (20 digits, so that names sort as
 * numbers), each starting with an 8-byte header (magic "JRWS", format version 1) followed by framed records.
 */
final class Segments {

    static final int MAGIC = 0x4A525753;
    static final int VERSION = 1;
    static final int HEADER = 8;
    private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.wal");

    private Segments() {
    }

    static String name(long number) {
        return String.format("segment-%020d.wal", number);
    }

    /** The segment's number, or -1 when {@code name} is no segment's. */
    static long number(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    static byte[] header() {
        return ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).array();
    }

    /** True when {@code bytes} is shorter than a header and could be the start of one: a segment torn at birth. */
    static boolean isTornHeader(byte[] bytes) {
        return bytes.length < HEADER && Arrays.equals(bytes, Arrays.copyOf(header(), bytes.length));
    }

    /** Why {@code bytes} does not start with a valid header, or null. */
    static String headerProblem(byte[] bytes) {
        if (bytes.length < HEADER) {
            return "segment header cut short (" + bytes.length + " of " + HEADER + " bytes)";
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC) {
            return "not a segment file (bad magic)";
        }
        int version = in.getInt();
        return version == VERSION ? null : "segment format version " + version + ", expected " + VERSION;
    }
}
