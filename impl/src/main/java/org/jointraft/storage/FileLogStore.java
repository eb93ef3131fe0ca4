package org.jointraft.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Ready;
import org.jointraft.core.Snapshot;

/**
 * A {@link LogStore} in a directory: the log as framed records in segment files (see {@link Segments},
 * {@link RecordFrame}, {@link LogRecord}) and the hard state in its own file (see {@link HardState}). The log is
 * also kept in memory, so {@link #load} reads no file.
 *
 * <p>Writes become durable in the order they were made, so a crash leaves the state after some prefix of them:
 * log records in file order, a segment fsynced before the next is created (so only the last can be torn, and a new
 * segment's header and directory entry are durable before records go into it), and the hard state file replaced
 * only after the records written before it are fsynced. A changed hard state is written at the next sync, or
 * earlier, before the first entry of a newer term than the file's: else a restart could hold entries of a term it
 * never durably entered, and vote or lead in that term a second time.
 *
 * <p>A Ready's snapshot is made durable inside {@link #persist}, before its log change: the segment is fsynced (the
 * order again), the snapshot written to {@code snapshot.tmp}, fsynced, renamed over {@code snapshot}, the directory
 * fsynced (see {@link SnapshotFile}). Then a compact record ({@link LogRecord.Compact}) goes into the segment with
 * the log change, recording what {@link Compaction#install} decided for the entries above the snapshot. Making the
 * snapshot durable early is safe: it holds only committed state, and until its record is durable a reopen applies the
 * same rule. At a {@link #sync}, with everything written durable, the oldest segments whose appended entries all lie
 * at or below the snapshot's index are deleted, lowest first, each deletion made durable before the next, so that a
 * crash leaves no gap.
 */
public final class FileLogStore implements LogStore {

    public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;

    private final Disk disk;
    private final long segmentBytes;
    /** Null: none. */
    private Snapshot snapshot;
    /** The entries after {@link #snapshot}. */
    private ArrayList<Entry> log;
    /** In the hard state file, durable. */
    private HardState written;
    /** As last persisted. */
    private HardState current;
    /** The oldest segment not deleted by compaction. */
    private long firstSegment;
    private long segmentNumber;
    /** Per segment, the highest index appended in it (0: none): what compaction judges a segment by. */
    private final Map<Long, Long> lastAppended;
    private Disk.File segment;
    private long segmentSize;
    /** Records written to {@link #segment} since its last fsync. */
    private boolean dirty;
    /** After a failed write or fsync nothing is known about the files: the store takes no more writes. */
    private IOException failure;

    private FileLogStore(Disk disk, long segmentBytes, LogRecovery.Recovered recovered) {
        this.disk = disk;
        this.segmentBytes = segmentBytes;
        this.snapshot = recovered.snapshot();
        this.log = new ArrayList<>(recovered.log());
        this.firstSegment = recovered.firstSegment();
        this.lastAppended = new HashMap<>(recovered.lastAppended());
        this.written = recovered.hardState();
        this.current = written;
        this.segmentNumber = recovered.lastSegment();
        this.segmentSize = recovered.end();
    }

    public static FileLogStore open(Path dir) throws IOException {
        return open(new RealDisk(dir), DEFAULT_SEGMENT_BYTES);
    }

    /**
     * Opens the store on {@code disk}, recovering what is there (a torn tail is cut away, other damage throws
     * {@link CorruptLogException}), or starts an empty one.
     *
     * @param segmentBytes a segment is rolled when the next record would take it past this size
     */
    public static FileLogStore open(Disk disk, long segmentBytes) throws IOException {
        if (segmentBytes < Segments.HEADER + RecordFrame.HEADER + 1) {
            throw new IllegalArgumentException("segment size " + segmentBytes + " cannot hold a record");
        }
        LogRecovery.Recovered recovered = LogRecovery.run(disk);
        FileLogStore store = new FileLogStore(disk, segmentBytes, recovered);
        if (store.segmentNumber < store.firstSegment) {
            store.createSegment();
        } else {
            store.segment = disk.open(Segments.name(store.segmentNumber));
        }
        if (recovered.compaction() != null) {
            // the snapshot got in but its record was lost: record it, so that compaction may delete segments
            store.write(List.of(recovered.compaction()));
        }
        return store;
    }

    @Override
    public void persist(Ready ready) throws IOException {
        checkUsable();
        Snapshot next = ready.snapshot();
        Compaction.Tail tail = Compaction.plan(ready, snapshot, base(), log);
        long base = tail.base();
        List<Entry> after = tail.entries();
        long from = ready.persistLogFrom();
        if (ready.hardStateChanged()) {
            current = new HardState(ready.term(), ready.votedFor());
        }
        if (next == null && from == 0) {
            return;
        }
        List<LogRecord> records = new ArrayList<>();
        if (next != null) {
            records.add(new LogRecord.Compact(next.index(), next.term(), !tail.kept()));
        }
        if (from != 0 && from <= base + after.size()) {
            records.add(new LogRecord.Truncate(from));
        }
        long index = from;
        for (Entry e : ready.persistEntries()) {
            records.add(new LogRecord.Append(index++, e));
        }
        // an entry or snapshot too big is refused here, before anything is written
        List<byte[]> frames = frames(records);
        byte[] snapshotFile = next == null ? null : SnapshotFile.encode(next);
        try {
            boolean newerTerm = Compaction.newerTerm(ready, written.term());
            if (!current.equals(written) && newerTerm) {
                writeHardState();
            }
            if (next != null) {
                writeSnapshot(snapshotFile);
            }
            write(records, frames);
        } catch (IOException e) {
            throw fail(e);
        }
        if (next != null) {
            snapshot = next;
            log = new ArrayList<>(tail.entries());
        }
        if (from != 0) {
            log.subList((int) (from - base - 1), log.size()).clear();
            log.addAll(ready.persistEntries());
        }
    }

    @Override
    public void sync() throws IOException {
        checkUsable();
        try {
            forceSegment();
            if (!current.equals(written)) {
                writeHardState();
            }
            compact();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public DurableState load() {
        return new DurableState(current.term(), current.votedFor(), snapshot, log);
    }

    /** The index of the last entry, counting the snapshot's (absolute: the snapshot's index when no entry follows). */
    @Override
    public long lastIndex() {
        return base() + log.size();
    }

    /** The number of the oldest segment compaction has not deleted (1 until it deletes one). */
    public long firstSegment() {
        return firstSegment;
    }

    /** The number of the segment records go to now (1 for the first). */
    public long currentSegment() {
        return segmentNumber;
    }

    @Override
    public void close() throws IOException {
        if (segment != null) {
            segment.close();
            segment = null;
        }
    }

    private static List<byte[]> frames(List<LogRecord> records) {
        List<byte[]> frames = new ArrayList<>(records.size());
        for (LogRecord record : records) {
            frames.add(RecordFrame.frame(record.encode()));
        }
        return frames;
    }

    private void write(List<LogRecord> records) throws IOException {
        write(records, frames(records));
    }

    /** Appends the records ({@code frames}: their frames), in as few writes as segment boundaries allow. */
    private void write(List<LogRecord> records, List<byte[]> frames) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            byte[] framed = frames.get(i);
            long size = segmentSize + batch.size();
            if (size > Segments.HEADER && size + framed.length > segmentBytes) {
                flush(batch);
                rollSegment();
            }
            batch.write(framed);
            if (records.get(i) instanceof LogRecord.Append a) {
                lastAppended.merge(segmentNumber, a.index(), Math::max);
            }
        }
        flush(batch);
    }

    private void flush(ByteArrayOutputStream batch) throws IOException {
        if (batch.size() > 0) {
            segment.write(segmentSize, batch.toByteArray());
            segmentSize += batch.size();
            dirty = true;
            batch.reset();
        }
    }

    private void forceSegment() throws IOException {
        if (dirty) {
            segment.force();
            dirty = false;
        }
    }

    private void rollSegment() throws IOException {
        forceSegment();
        segment.close();
        createSegment();
    }

    private void createSegment() throws IOException {
        segmentNumber++;
        lastAppended.put(segmentNumber, 0L);
        segment = disk.open(Segments.name(segmentNumber));
        segment.write(0, Segments.header());
        segment.force();
        disk.syncDirectory();
        segmentSize = Segments.HEADER;
    }

    /** Replaces the hard state file; the records written before are made durable first, to keep the order. */
    private void writeHardState() throws IOException {
        forceSegment();
        try (Disk.File temporary = disk.open(HardState.TEMPORARY)) {
            temporary.truncate(0);
            temporary.write(0, current.encode());
            temporary.force();
        }
        disk.rename(HardState.TEMPORARY, HardState.FILE);
        disk.syncDirectory();
        written = current;
    }

    /** Makes the snapshot file {@code bytes} durable; the records written before are made durable first. */
    private void writeSnapshot(byte[] bytes) throws IOException {
        forceSegment();
        try (Disk.File temporary = disk.open(SnapshotFile.TEMPORARY)) {
            temporary.truncate(0);
            temporary.write(0, bytes);
            temporary.force();
        }
        disk.rename(SnapshotFile.TEMPORARY, SnapshotFile.FILE);
        disk.syncDirectory();
    }

    /**
     * Deletes the oldest segments whose appended entries all lie at or below the snapshot's index; never the one
     * being written. Called with every record durable, so the snapshot's compact record is too: a replay that
     * starts after the deleted segments no longer needs their entries to judge the suffix.
     */
    private void compact() throws IOException {
        if (snapshot == null) {
            return;
        }
        while (firstSegment < segmentNumber && lastAppended.getOrDefault(firstSegment, 0L) <= snapshot.index()) {
            disk.delete(Segments.name(firstSegment));
            disk.syncDirectory(); // one at a time: deletions that reached the disk out of order could leave a gap
            lastAppended.remove(firstSegment);
            firstSegment++;
        }
    }

    private long base() {
        return snapshot == null ? 0 : snapshot.index();
    }

    private void checkUsable() throws IOException {
        if (failure != null) {
            throw new IOException("the store failed earlier and takes no more writes: " + failure.getMessage(),
                    failure);
        }
        if (segment == null) {
            throw new IllegalStateException("the store is closed");
        }
    }

    private IOException fail(IOException e) {
        failure = e;
        return e;
    }
}
