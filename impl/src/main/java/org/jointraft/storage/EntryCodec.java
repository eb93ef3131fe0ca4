package org.jointraft.storage;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jointraft.core.Entry;
import org.jointraft.core.EntryKind;
import org.jointraft.core.Membership;

/**
 * The binary form of an {@link Entry}: kind (byte: 0 blank, 1 normal, 2 member), term (long), then for a normal entry
 * its data (int byte count, -1 for none, then UTF-8; or -2 when the text
 * is no well-formed Unicode, then an int char count and UTF-16 chars), for a member entry its voter sets (byte count 1 or 2, each an
 * int count then the ids) and its learners (int count then the ids). Big-endian, as {@link DataOutput} writes.
 */
public final class EntryCodec {

    private static final int BLANK = 0;
    private static final int NORMAL = 1;
    private static final int MEMBER = 2;
    /** In place of a byte count: the data follows as an int char count and UTF-16 chars. */
    private static final int UTF16 = -2;

    private EntryCodec() {
    }

    public static void write(Entry entry, DataOutput out) throws IOException {
        out.writeByte(code(entry.kind()));
        out.writeLong(entry.term());
        switch (entry.kind()) {
            case NORMAL -> writeData(entry.data(), out);
            case MEMBER -> writeMembership(entry.membership(), out);
            case BLANK -> {
            }
            default -> throw new IllegalStateException("no encoding for entry kind " + entry.kind());
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws IOException on an unknown kind or a count that cannot be right; the entry's own checks throw
     *         {@link IllegalArgumentException}
     */
    public static Entry read(DataInput in) throws IOException {
        int kind = in.readUnsignedByte();
        long term = in.readLong();
        return switch (kind) {
            case BLANK -> Entry.blank(term);
            case NORMAL -> Entry.normal(term, readData(in));
            case MEMBER -> Entry.member(term, readMembership(in));
            default -> throw new IOException("unknown entry kind " + kind);
        };
    }

    private static int code(EntryKind kind) {
        return switch (kind) {
            case BLANK -> BLANK;
            case NORMAL -> NORMAL;
            case MEMBER -> MEMBER;
        };
    }

    private static void writeData(String data, DataOutput out) throws IOException {
        if (data == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        if (!new String(bytes, StandardCharsets.UTF_8).equals(data)) {
            // an unpaired surrogate has no UTF-8 form: keep the chars as they are
            out.writeInt(UTF16);
            out.writeInt(data.length());
            out.writeChars(data);
            return;
        }
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readData(DataInput in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length == UTF16) {
            int chars = in.readInt();
            if (chars < 0) {
                throw new IOException("negative char count " + chars);
            }
            char[] text = new char[chars];
            for (int i = 0; i < chars; i++) {
                text[i] = in.readChar();
            }
            return new String(text);
        }
        if (length < 0) {
            throw new IOException("negative data length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeMembership(Membership membership, DataOutput out) throws IOException {
        out.writeByte(membership.configs().size());
        for (SortedSet<Integer> config : membership.configs()) {
            writeIds(config, out);
        }
        writeIds(membership.learners(), out);
    }

    static Membership readMembership(DataInput in) throws IOException {
        int count = in.readUnsignedByte();
        if (count < 1 || count > 2) {
            throw new IOException("a membership has 1 or 2 voter sets, not " + count);
        }
        List<SortedSet<Integer>> configs = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            configs.add(readIds(in));
        }
        return new Membership(configs, readIds(in));
    }

    private static void writeIds(SortedSet<Integer> ids, DataOutput out) throws IOException {
        out.writeInt(ids.size());
        for (int id : ids) {
            out.writeInt(id);
        }
    }

    private static SortedSet<Integer> readIds(DataInput in) throws IOException {
        int count = in.readInt();
        // far beyond any real cluster: a bigger count means a bad record, not a reason to run out of memory
        if (count < 0 || count > (1 << 16)) {
            throw new IOException("node id count " + count + " out of range");
        }
        TreeSet<Integer> ids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(in.readInt());
        }
        return ids;
    }
}
