package org.jointraft.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jointraft.core.Entry;

/**
 * One change to the log, as the payload of one framed record in a segment: type byte 1 = append (index long, then
 * the entry, see {@link EntryCodec}), 2 = truncate (the first dropped index, long), 3 = compact (index, term
 * (longs), drop-above (byte 0 or 1)). Replaying the records in order rebuilds the log; a truncation is a record of
 * its own, so it is as durable as the appends after it.
 */
public sealed interface LogRecord {

    int APPEND = 1;
    int TRUNCATE = 2;
    int COMPACT = 3;

    /** Entry {@code index} is {@code entry}; the log held {@code index - 1} entries before. */
    record Append(long index, Entry entry) implements LogRecord {
    }

    /** Every entry at or after {@code fromIndex} is gone. */
    record Truncate(long fromIndex) implements LogRecord {
    }

    /**
     * A snapshot at {@code index} (term {@code term}) was made durable: every entry at or below the index is in it,
     * and with {@code dropAbove} every entry above it is gone too (the log did not hold the snapshot's last entry).
     * Written after the snapshot file, it records what {@link Compaction#install} decided, so that a replay does not
     * judge by an entry at the index that a later truncation left stale.
     */
    record Compact(long index, long term, boolean dropAbove) implements LogRecord {
    }

    default byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (this instanceof Append a) {
                out.writeByte(APPEND);
                out.writeLong(a.index());
                EntryCodec.write(a.entry(), out);
            } else if (this instanceof Truncate t) {
                out.writeByte(TRUNCATE);
                out.writeLong(t.fromIndex());
            } else if (this instanceof Compact c) {
                out.writeByte(COMPACT);
                out.writeLong(c.index());
                out.writeLong(c.term());
                out.writeByte(c.dropAbove() ? 1 : 0);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @throws IOException (or the entry's {@link IllegalArgumentException}) when the payload is no record
     */
    static LogRecord decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int type = in.readUnsignedByte();
        LogRecord record = switch (type) {
            case APPEND -> new Append(in.readLong(), EntryCodec.read(in));
            case TRUNCATE -> new Truncate(in.readLong());
            case COMPACT -> new Compact(in.readLong(), in.readLong(), readFlag(in));
            default -> throw new IOException("unknown record type " + type);
        };
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes left over after the record");
        }
        return record;
    }

    private static boolean readFlag(DataInputStream in) throws IOException {
        int flag = in.readUnsignedByte();
        if (flag > 1) {
            throw new IOException("drop-above flag " + flag + ", not 0 or 1");
        }
        return flag == 1;
    }
}
