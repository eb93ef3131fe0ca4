package org.jointraft.kv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.jointraft.core.Entry;
import org.jointraft.core.EntryKind;
import org.jointraft.core.Ready;
import org.jointraft.core.Snapshot;

/**
 * A tiny replicated key-value store: the state machine of §1 of the Raft paper that committed entries are applied to.
 * A normal entry whose data is {@code set <key> <value>} sets the key (the value is the rest of the line, spaces
 * included); any other entry only moves the applied index. {@link #snapshot()} encodes the state with the applied
 * index, which is what {@code RaftNode.takeSnapshot} compacts behind. Not thread-safe.
 */
public final class KvStateMachine {

    private static final int FORMAT = 1;
    private static final String SET = "set ";

    private final TreeMap<String, String> values = new TreeMap<>();
    private long appliedIndex;

    /** An empty state machine that has applied nothing. */
    public KvStateMachine() {
        this(0);
    }

    /**
     * An empty state machine of a node that starts with entries 1..{@code appliedIndex} committed but never reported
     * (a bootstrap member starts with its bootstrap entry, index 1, committed): {@code new
     * KvStateMachine(node.commitIndex())} for a fresh node.
     */
    public KvStateMachine(long appliedIndex) {
        if (appliedIndex < 0) {
            throw new IllegalArgumentException("applied index " + appliedIndex + " is negative");
        }
        this.appliedIndex = appliedIndex;
    }

    /** The index of the last entry applied (or restored from a snapshot); 0 before any. */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** The value of {@code key}, null if it was never set. */
    public String get(String key) {
        return values.get(key);
    }

    /** Every key and its value, sorted by key (a read-only view). */
    public Map<String, String> entries() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * Applies committed entry {@code index}. An index at or below the applied index is skipped (a restarted node
     * reports entries again as it re-learns them committed); a gap is a driver error.
     */
    public void apply(long index, Entry entry) {
        if (index <= appliedIndex) {
            return;
        }
        if (index != appliedIndex + 1) {
            throw new IllegalStateException("entry " + index + " applied after entry " + appliedIndex
                    + ": the entries between are missing");
        }
        if (entry.kind() == EntryKind.NORMAL && entry.data() != null && entry.data().startsWith(SET)) {
            String rest = entry.data().substring(SET.length());
            int space = rest.indexOf(' ');
            if (space > 0) {
                values.put(rest.substring(0, space), rest.substring(space + 1));
            }
        }
        appliedIndex = index;
    }

    /** Applies what one {@link Ready} hands over: its snapshot first, if newer than this state, then its commits. */
    public void apply(Ready ready) {
        Snapshot snapshot = ready.snapshot();
        if (snapshot != null && snapshot.index() > appliedIndex) {
            restore(snapshot.data());
        }
        for (int k = 0; k < ready.committed().size(); k++) {
            apply(ready.firstCommittedIndex() + k, ready.committed().get(k));
        }
    }

    /** This state and its applied index, encoded (the data of a {@link Snapshot}). */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeLong(appliedIndex);
            out.writeInt(values.size());
            for (Map.Entry<String, String> e : values.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Replaces this state by the one {@code data} encodes (from {@link #snapshot()}).
     *
     * @throws IllegalArgumentException when {@code data} is no such encoding
     */
    public void restore(byte[] data) {
        TreeMap<String, String> restored = new TreeMap<>();
        long index;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("key-value snapshot format " + format + ", expected " + FORMAT);
            }
            index = in.readLong();
            int count = in.readInt();
            if (index < 0 || count < 0) {
                throw new IllegalArgumentException("key-value snapshot with index " + index + " and " + count
                        + " keys");
            }
            for (int k = 0; k < count; k++) {
                restored.put(readString(in), readString(in));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("key-value snapshot has bytes after its last key");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("key-value snapshot is truncated or corrupt: " + e, e);
        }
        values.clear();
        values.putAll(restored);
        appliedIndex = index;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("string of " + length + " bytes with " + in.available() + " left");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
