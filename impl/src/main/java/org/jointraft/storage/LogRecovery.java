package org.jointraft.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.core.Entry;
import org.jointraft.core.Snapshot;

/**
 * What {@link FileLogStore#open} does before the store takes writes: read the hard state and the snapshot, replay
 * every segment in order, cut away a torn tail, and apply the snapshot to the log by {@link Compaction#install} when
 * the segments do not yet record it. Only the end of the last segment can be torn (an older segment is fsynced before
 * the next is created), and only a bad record with no valid record after it can be a torn write. Anything else stops
 * the open with a {@link CorruptLogException}.
 *
 * <p>Compaction deletes the oldest segments once a snapshot covers every entry appended in them, so the first
 * segment left may be numbered above 1 (only with a snapshot file). Its replay starts without knowing where the log
 * ends: the first append says so. The log before it lay at or below the snapshot's index, which the end of the
 * replay checks.
 */
final class LogRecovery {

    /**
     * The recovered state and where writing goes on: {@code end} of segment {@code lastSegment} (none when it is below
     * {@code firstSegment}); {@code lastAppended}: per segment, the highest index appended in it (0 for none);
     * {@code compaction}: a record the store still has to write so that the segments record the snapshot, or null.
     */
    record Recovered(HardState hardState, Snapshot snapshot, List<Entry> log, long firstSegment, long lastSegment,
            long end, Map<Long, Long> lastAppended, LogRecord.Compact compaction) {
    }

    private final Disk disk;
    /** The entries held, at {@link #base} + 1 on. */
    private final ArrayList<Entry> log = new ArrayList<>();
    /** -1 while unknown (the replay began at a segment after compacted ones, and no append came yet). */
    private long base;
    /** Whether the entries at or below {@link #base} are compacted (in a snapshot), not just in deleted segments. */
    private boolean baseExact;
    private final Map<Long, Long> lastAppended = new HashMap<>();
    private LogRecord.Compact lastCompact;
    private String lastCompactFile;
    private long lastCompactOffset;

    private LogRecovery(Disk disk) {
        this.disk = disk;
    }

    static Recovered run(Disk disk) throws IOException {
        return new LogRecovery(disk).recover();
    }

    private Recovered recover() throws IOException {
        List<String> names = disk.list();
        if (names.contains(HardState.TEMPORARY)) {
            disk.delete(HardState.TEMPORARY); // a hard state write that never got renamed in: the old file stands
        }
        if (names.contains(SnapshotFile.TEMPORARY)) {
            disk.delete(SnapshotFile.TEMPORARY); // likewise a snapshot write: lost whole, the old snapshot stands
        }
        HardState hardState = names.contains(HardState.FILE) ? HardState.decode(disk.read(HardState.FILE),
                disk.describe(HardState.FILE))
                : HardState.INITIAL;
        Snapshot snapshot = names.contains(SnapshotFile.FILE) ? SnapshotFile.decode(disk.read(SnapshotFile.FILE),
                disk.describe(SnapshotFile.FILE))
                : null;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (String name : names) {
            long n = Segments.number(name);
            if (n > 0) {
                last = Math.max(last, n);
                first = Math.min(first, n);
            }
        }
        if (last == 0 || snapshot == null) {
            first = 1; // without a snapshot nothing was compacted: the segments start at 1
        }
        for (long n = first; n <= last; n++) {
            if (!names.contains(Segments.name(n))) {
                throw corrupt(Segments.name(n), 0, "segment missing (segments go up to "
                        + Segments.name(last) + ")");
            }
        }
        if (last == 0 && names.contains(HardState.FILE)) {
            throw corrupt(Segments.name(1), 0, "segment missing (the hard state file exists)");
        }
        if (last == 0 && snapshot != null) {
            throw corrupt(Segments.name(1), 0, "segment missing (the snapshot file exists)");
        }
        base = first == 1 ? 0 : -1;
        baseExact = first == 1;
        long end = Segments.HEADER;
        for (long n = first; n <= last; n++) {
            byte[] bytes = disk.read(Segments.name(n));
            if (n == last && Segments.isTornHeader(bytes)) {
                // created but not yet made durable when the process stopped: it holds nothing
                disk.delete(Segments.name(n));
                disk.syncDirectory();
                last--;
                end = n == first ? Segments.HEADER : disk.read(Segments.name(last)).length;
                break;
            }
            end = replay(n, bytes, n == last);
        }
        LogRecord.Compact compaction = applySnapshot(snapshot, first);
        return new Recovered(hardState, snapshot, List.copyOf(log), first, last, end, Map.copyOf(lastAppended),
                compaction);
    }

    /**
     * Brings the replayed log to the snapshot: nothing to do when the last compact record is the snapshot's, else
     * the snapshot file was renamed in but its record was lost, and the rule decides here (the record to write is
     * returned). Refuses a compact record the snapshot file does not account for, and a log that resumes beyond the
     * snapshot (segments with entries above it are missing).
     */
    private LogRecord.Compact applySnapshot(Snapshot snapshot, long first) throws CorruptLogException {
        if (lastCompact != null && (snapshot == null || lastCompact.index() > snapshot.index()
                || (lastCompact.index() == snapshot.index() && lastCompact.term() != snapshot.term()))) {
            throw new CorruptLogException(lastCompactFile, lastCompactOffset, "compaction up to index "
                    + lastCompact.index() + " (term " + lastCompact.term() + ") but " + (snapshot == null
                            ? "there is no snapshot file"
                            : "the snapshot file holds index " + snapshot.index() + " (term " + snapshot.term()
                                    + ")"));
        }
        if (snapshot == null) {
            return null;
        }
        boolean recorded = lastCompact != null && lastCompact.index() == snapshot.index();
        LogRecord.Compact compaction = null;
        if (base < 0) {
            base = snapshot.index(); // no append after the compacted segments: nothing above the snapshot
            if (!recorded) {
                compaction = new LogRecord.Compact(snapshot.index(), snapshot.term(), true);
            }
        } else if (!recorded) {
            Compaction.Tail tail = Compaction.install(base, log, snapshot.index(), snapshot.term());
            base = tail.base();
            log.clear();
            log.addAll(tail.entries());
            compaction = new LogRecord.Compact(snapshot.index(), snapshot.term(), !tail.kept());
        }
        if (base > snapshot.index()) {
            throw corrupt(Segments.name(first), 0, "the log resumes at index " + (base + 1)
                    + " but the snapshot file ends at index " + snapshot.index() + " (a segment is missing)");
        }
        if (base < snapshot.index()) {
            // a recorded compaction kept everything above it; what lies at or below the snapshot goes
            Compaction.Tail tail = Compaction.install(base, log, snapshot.index(), snapshot.term());
            base = tail.base();
            List<Entry> kept = tail.entries();
            log.clear();
            log.addAll(kept);
        }
        return compaction;
    }

    /** Applies the segment's records; returns where its valid records end. */
    private long replay(long number, byte[] bytes, boolean isLast) throws IOException {
        String name = Segments.name(number);
        lastAppended.put(number, 0L);
        String headerProblem = Segments.headerProblem(bytes);
        if (headerProblem != null) {
            throw corrupt(name, 0, headerProblem);
        }
        RecordFrame.Scan scan = RecordFrame.scan(bytes, Segments.HEADER);
        for (RecordFrame.Found found : scan.records()) {
            apply(number, found);
        }
        if (scan.problem() == null) {
            return scan.end();
        }
        if (!isLast) {
            throw corrupt(name, scan.end(), scan.problem() + " in a segment that is not the last");
        }
        long next = RecordFrame.nextValidAfter(bytes, scan.end());
        if (next >= 0) {
            throw corrupt(name, scan.end(), scan.problem() + ", and a valid record follows at offset "
                    + next);
        }
        Disk.File file = disk.open(name);
        try (file) {
            file.truncate(scan.end()); // a torn write: cut away, so that the next record follows the last valid one
            file.force();
        }
        return scan.end();
    }

    private CorruptLogException corrupt(String name, long offset, String problem) {
        return new CorruptLogException(disk.describe(name), offset, problem);
    }

    private void apply(long number, RecordFrame.Found found) throws CorruptLogException {
        String name = Segments.name(number);
        LogRecord record;
        try {
            record = LogRecord.decode(found.payload());
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, found.offset(), "undecodable record: " + e.getMessage());
        }
        if (record instanceof LogRecord.Append a) {
            if (base < 0 && a.index() >= 1) {
                base = a.index() - 1; // the first append after compacted segments says where the log ended
            }
            if (a.index() != base + log.size() + 1) {
                throw corrupt(name, found.offset(), "append of index " + a.index()
                        + " but the log ends at " + (base + log.size()));
            }
            if (!log.isEmpty() && a.entry().term() < log.get(log.size() - 1).term()) {
                throw corrupt(name, found.offset(), "entry " + a.index() + " has term "
                        + a.entry().term() + ", below the term of the entry before it");
            }
            log.add(a.entry());
            lastAppended.merge(number, a.index(), Math::max);
        } else if (record instanceof LogRecord.Truncate t) {
            if (base < 0) {
                return; // it cuts entries of the compacted segments: the log still ends where nobody knows
            }
            if (t.fromIndex() < 1 || t.fromIndex() > base + log.size() + 1) {
                throw corrupt(name, found.offset(), "truncation from index " + t.fromIndex()
                        + " but the log ends at " + (base + log.size()));
            }
            if (t.fromIndex() <= base) {
                if (baseExact) {
                    throw corrupt(name, found.offset(), "truncation from index " + t.fromIndex()
                            + " into the compacted log (up to index " + base + ")");
                }
                log.clear();
                base = t.fromIndex() - 1; // entries of deleted segments cut: the log now ends just before
            } else {
                log.subList((int) (t.fromIndex() - base - 1), log.size()).clear();
            }
        } else if (record instanceof LogRecord.Compact c) {
            if (c.index() < 0) {
                throw corrupt(name, found.offset(), "compaction up to index " + c.index());
            }
            if (base < 0 || c.index() <= base) {
                if (c.dropAbove()) {
                    log.clear();
                    base = c.index();
                    baseExact = true;
                }
            } else {
                long offset = c.index() - base;
                List<Entry> above = offset <= log.size() && !c.dropAbove()
                        ? new ArrayList<>(log.subList((int) offset, log.size()))
                        : List.of();
                log.clear();
                log.addAll(above);
                base = c.index();
                baseExact = true;
            }
            lastCompact = c;
            lastCompactFile = disk.describe(name);
            lastCompactOffset = found.offset();
        }
    }
}
