package org.jointraft.storage;

import java.nio.ByteBuffer;

/**
 * Current term and votedFor, and their file: magic "JRHS" (int), term (long), votedFor (int), CRC32C of those 16
 * bytes (int). The file is replaced whole (write a temporary, fsync, rename, fsync the directory), so it is always
 * either the old or the new one; any bad byte in it is damage, never a torn write.
 */
public record HardState(long term, int votedFor) {

    public static final HardState INITIAL = new HardState(0, 0);
    public static final String FILE = "hardstate";
    public static final String TEMPORARY = "hardstate.tmp";
    static final int MAGIC = 0x4A524853;
    static final int SIZE = 20;

    byte[] encode() {
        ByteBuffer bytes = ByteBuffer.allocate(SIZE).putInt(MAGIC).putLong(term).putInt(votedFor);
        return bytes.putInt(RecordFrame.crc(bytes.array(), 0, 16)).array();
    }

    static HardState decode(byte[] bytes, String file) throws CorruptLogException {
        if (bytes.length != SIZE) {
            throw new CorruptLogException(file, Math.min(bytes.length, SIZE), "the hard state file has "
                    + bytes.length + " bytes, not " + SIZE);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC) {
            throw new CorruptLogException(file, 0, "not a hard state file (bad magic)");
        }
        long term = in.getLong();
        int votedFor = in.getInt();
        if (in.getInt() != RecordFrame.crc(bytes, 0, 16)) {
            throw new CorruptLogException(file, 0, "hard state CRC32C mismatch");
        }
        if (term < 0 || votedFor < 0) {
            throw new CorruptLogException(file, 4, "negative term " + term + " or votedFor " + votedFor);
        }
        return new HardState(term, votedFor);
    }
}
