package org.jointraft.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Ready;

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
 */
public final class FileLogStore implements LogStore {

    public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;

    private final Disk disk;
    private final long segmentBytes;
    private final ArrayList<Entry> log;
    /** In the hard state file, durable. */
    private HardState written;
    /** As last persisted. */
    private HardState current;
    private long segmentNumber;
    private Disk.File segment;
    private long segmentSize;
    /** Records written to {@link #segment} since its last fsync. */
    private boolean dirty;
    /** After a failed write or fsync nothing is known about the files: the store takes no more writes. */
    private IOException failure;

    private FileLogStore(Disk disk, long segmentBytes, LogRecovery.Recovered recovered) {
        this.disk = disk;
        this.segmentBytes = segmentBytes;
        this.log = new ArrayList<>(recovered.log());
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
        FileLogStore store = new FileLogStore(disk, segmentBytes, LogRecovery.run(disk));
        if (store.segmentNumber == 0) {
            store.createSegment();
        } else {
            store.segment = disk.open(Segments.name(store.segmentNumber));
        }
        return store;
    }

    @Override
    public void persist(Ready ready) throws IOException {
        checkUsable();
        long from = ready.persistLogFrom();
        if (from < 0 || from > log.size() + 1) {
            throw new IllegalStateException("asked to persist from index " + from + " but the log ends at "
                    + log.size());
        }
        if (ready.hardStateChanged()) {
            current = new HardState(ready.term(), ready.votedFor());
        }
        if (from == 0) {
            return;
        }
        List<LogRecord> records = new ArrayList<>();
        if (from <= log.size()) {
            records.add(new LogRecord.Truncate(from));
        }
        long index = from;
        for (Entry e : ready.persistEntries()) {
            records.add(new LogRecord.Append(index++, e));
        }
        try {
            if (!current.equals(written) && ready.persistEntries().stream().anyMatch(e -> e.term() > written.term())) {
                writeHardState();
            }
            write(records);
        } catch (IOException e) {
            throw fail(e);
        }
        log.subList((int) from - 1, log.size()).clear();
        log.addAll(ready.persistEntries());
    }

    @Override
    public void sync() throws IOException {
        checkUsable();
        try {
            forceSegment();
            if (!current.equals(written)) {
                writeHardState();
            }
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public DurableState load() {
        return new DurableState(current.term(), current.votedFor(), log);
    }

    @Override
    public long lastIndex() {
        return log.size();
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

    /** Appends the records, in as few writes as segment boundaries allow. */
    private void write(List<LogRecord> records) throws IOException {
        List<byte[]> frames = new ArrayList<>(records.size());
        for (LogRecord record : records) {
            frames.add(RecordFrame.frame(record.encode())); // an entry too big is refused before anything is written
        }
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (byte[] framed : frames) {
            long size = segmentSize + batch.size();
            if (size > Segments.HEADER && size + framed.length > segmentBytes) {
                flush(batch);
                rollSegment();
            }
            batch.write(framed);
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
