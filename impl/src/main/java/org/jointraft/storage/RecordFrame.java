package org.jointraft.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The framing of a record in a segment: payload length (int), CRC32C of the payload (int), the payload. A record is
 * valid when its header is whole, its length is in 1..{@link #MAX_PAYLOAD}, its payload lies inside the file and its
 * CRC matches. (Length 0 is never written, so a run of zeros, as a file system may leave at a tail, is not a record.)
 */
public final class RecordFrame {

    public static final int HEADER = 8;
    public static final int MAX_PAYLOAD = 64 << 20;

    private RecordFrame() {
    }

    public static byte[] frame(byte[] payload) {
        if (payload.length == 0 || payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a record payload has 1 to " + MAX_PAYLOAD + " bytes, not "
                    + payload.length);
        }
        return ByteBuffer.allocate(HEADER + payload.length).putInt(payload.length).putInt(crc(payload, 0,
                payload.length)).put(payload).array();
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** One valid record found by {@link #scan}: where it starts and its payload. */
    public record Found(long offset, byte[] payload) {
    }

    /**
     * The valid records of {@code bytes} from {@code start} on, up to the first bad one.
     *
     * @param records the valid records, in order
     * @param end where the valid records end: the length of {@code bytes} when all were valid, else the bad record's
     *        offset
     * @param problem why the record at {@code end} is bad (null when there is none)
     */
    public record Scan(List<Found> records, long end, String problem) {
    }

    public static Scan scan(byte[] bytes, int start) {
        List<Found> records = new ArrayList<>();
        int at = start;
        while (at < bytes.length) {
            String problem = problemAt(bytes, at);
            if (problem != null) {
                return new Scan(records, at, problem);
            }
            int length = ByteBuffer.wrap(bytes, at, 4).getInt();
            byte[] payload = new byte[length];
            System.arraycopy(bytes, at + HEADER, payload, 0, length);
            records.add(new Found(at, payload));
            at += HEADER + length;
        }
        return new Scan(records, at, null);
    }

    /** Why the record at {@code at} is not valid, or null when it is. */
    static String problemAt(byte[] bytes, int at) {
        if (bytes.length - at < HEADER) {
            return "record header cut short (" + (bytes.length - at) + " of " + HEADER + " bytes)";
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, at, HEADER);
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 1 || length > MAX_PAYLOAD) {
            return "record length " + length + " out of range";
        }
        if (bytes.length - at - HEADER < length) {
            return "record payload cut short (" + (bytes.length - at - HEADER) + " of " + length + " bytes)";
        }
        if (crc(bytes, at + HEADER, length) != crc) {
            return "record CRC32C mismatch";
        }
        return null;
    }

    /**
     * The first offset after {@code from} where a valid record starts, or -1. A bad record with none after it can be
     * a torn write; with one after it, it cannot.
     */
    public static long nextValidAfter(byte[] bytes, long from) {
        for (int at = (int) from + 1; at <= bytes.length - HEADER - 1; at++) {
            if (problemAt(bytes, at) == null) {
                return at;
            }
        }
        return -1;
    }
}
