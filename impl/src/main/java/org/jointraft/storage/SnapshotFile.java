package org.jointraft.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jointraft.core.Membership;
import org.jointraft.core.Snapshot;

/**
 * The snapshot file: one framed record ({@link RecordFrame}: length, CRC32C, payload) whose payload is magic "JRSN"
 * (int), index, term, membership index (longs), the membership (as {@link EntryCodec} writes a member entry's), the
 * data as a byte count (int) and the bytes. Replaced whole like the hard state file (a temporary, fsync, rename,
 * fsync the directory), so any bad byte in it is damage, never a torn write.
 */
final class SnapshotFile {

    static final String FILE = "snapshot";
    static final String TEMPORARY = "snapshot.tmp";
    static final int MAGIC = 0x4A52534E;

    private SnapshotFile() {
    }

    /** The file's bytes; a snapshot too big for a record ({@link RecordFrame#MAX_PAYLOAD}) is refused here. */
    static byte[] encode(Snapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(snapshot.index());
            out.writeLong(snapshot.term());
            out.writeLong(snapshot.membershipIndex());
            EntryCodec.writeMembership(snapshot.membership(), out);
            byte[] data = snapshot.data();
            out.writeInt(data.length);
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return RecordFrame.frame(bytes.toByteArray());
    }

    static Snapshot decode(byte[] bytes, String file) throws CorruptLogException {
        String problem = RecordFrame.problemAt(bytes, 0);
        if (problem != null) {
            throw new CorruptLogException(file, 0, problem + " in the snapshot file");
        }
        int length = ByteBuffer.wrap(bytes, 0, 4).getInt();
        int end = RecordFrame.HEADER + length;
        if (end != bytes.length) {
            throw new CorruptLogException(file, end, (bytes.length - end) + " bytes after the snapshot record");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, RecordFrame.HEADER, length));
        try {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a snapshot (bad magic)");
            }
            long index = in.readLong();
            long term = in.readLong();
            long membershipIndex = in.readLong();
            Membership membership = EntryCodec.readMembership(in);
            int size = in.readInt();
            if (size < 0 || size > in.available()) {
                throw new IOException("data length " + size + " out of range");
            }
            byte[] data = new byte[size];
            in.readFully(data);
            if (in.available() > 0) {
                throw new IOException(in.available() + " bytes left over after the snapshot");
            }
            return new Snapshot(index, term, membershipIndex, membership, data);
        } catch (IOException | RuntimeException e) {
            throw new CorruptLogException(file, 0, "undecodable snapshot: " + e.getMessage());
        }
    }
}
