package org.jointraft.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.Entry;

/**
 * What {@link FileLogStore#open} does before the store takes writes: read the hard state, replay every segment in
 * order, and cut away a torn tail. Only the end of the last segment can be torn (an older segment is fsynced before
 * the next is created), and only a bad record with no valid record after it can be a torn write. Anything else
 * stops the open with a {@link CorruptLogException}.
 */
final class LogRecovery {

    /** The recovered state and where writing goes on: {@code end} of segment {@code lastSegment}. */
    record Recovered(HardState hardState, List<Entry> log, long lastSegment, long end) {
    }

    private final Disk disk;
    private final ArrayList<Entry> log = new ArrayList<>();

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
        HardState hardState = names.contains(HardState.FILE) ? HardState.decode(disk.read(HardState.FILE),
                disk.describe(HardState.FILE))
                : HardState.INITIAL;
        long last = 0;
        for (String name : names) {
            last = Math.max(last, Segments.number(name));
        }
        for (long n = 1; n <= last; n++) {
            if (!names.contains(Segments.name(n))) {
                throw corrupt(Segments.name(n), 0, "segment missing (segments go up to "
                        + Segments.name(last) + ")");
            }
        }
        if (last == 0 && names.contains(HardState.FILE)) {
            throw corrupt(Segments.name(1), 0, "segment missing (the hard state file exists)");
        }
        long end = Segments.HEADER;
        for (long n = 1; n <= last; n++) {
            byte[] bytes = disk.read(Segments.name(n));
            if (n == last && Segments.isTornHeader(bytes)) {
                // created but not yet made durable when the process stopped: it holds nothing
                disk.delete(Segments.name(n));
                disk.syncDirectory();
                last--;
                end = n == 1 ? Segments.HEADER : disk.read(Segments.name(last)).length;
                break;
            }
            end = replay(Segments.name(n), bytes, n == last);
        }
        return new Recovered(hardState, List.copyOf(log), last, end);
    }

    /** Applies the segment's records; returns where its valid records end. */
    private long replay(String name, byte[] bytes, boolean isLast) throws IOException {
        String headerProblem = Segments.headerProblem(bytes);
        if (headerProblem != null) {
            throw corrupt(name, 0, headerProblem);
        }
        RecordFrame.Scan scan = RecordFrame.scan(bytes, Segments.HEADER);
        for (RecordFrame.Found found : scan.records()) {
            apply(name, found);
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

    private void apply(String name, RecordFrame.Found found) throws CorruptLogException {
        LogRecord record;
        try {
            record = LogRecord.decode(found.payload());
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, found.offset(), "undecodable record: " + e.getMessage());
        }
        if (record instanceof LogRecord.Append a) {
            if (a.index() != log.size() + 1) {
                throw corrupt(name, found.offset(), "append of index " + a.index()
                        + " but the log ends at " + log.size());
            }
            if (!log.isEmpty() && a.entry().term() < log.get(log.size() - 1).term()) {
                throw corrupt(name, found.offset(), "entry " + a.index() + " has term "
                        + a.entry().term() + ", below the term of the entry before it");
            }
            log.add(a.entry());
        } else if (record instanceof LogRecord.Truncate t) {
            if (t.fromIndex() < 1 || t.fromIndex() > log.size() + 1) {
                throw corrupt(name, found.offset(), "truncation from index " + t.fromIndex()
                        + " but the log ends at " + log.size());
            }
            log.subList((int) t.fromIndex() - 1, log.size()).clear();
        }
    }
}
