package org.jointraft.storage;

import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Ready;
import org.jointraft.core.Snapshot;

/**
 * A {@link LogStore} in memory with the crash semantics of {@link FileLogStore}, for tests and the simulator.
 * Persisting queues writes: one per truncation or appended entry, and a changed hard state where the file store
 * writes it (before the first entry of a newer term than the last one queued, else at the sync, after the log
 * writes). {@link #sync} makes them durable; {@link #crash} loses the unsynced ones, or keeps a prefix of them
 * chosen by the caller (as the file store may make writes durable early), optionally with the next one torn. A
 * torn write is cut away by the recovery that the next {@link #load} runs, as {@link FileLogStore#open} cuts a
 * torn last record. Nothing here is random.
 *
 * <p>A Ready's snapshot is one write, queued before its log change (after the hard state when the snapshot's term is
 * newer than the last one queued); torn or not kept, it is lost whole. When it becomes durable it drops the durable
 * entries at or below its index and, by the rule of {@link Compaction#install}, the entries above it unless the
 * durable entry at its index has its term: that is the state a reload after a crash right then finds, as the file
 * store's open does.
 */
public final class MemoryLogStore implements LogStore {

    private HardState durableHardState = HardState.INITIAL;
    /** Null: none. */
    private Snapshot durableSnapshot;
    /** The durable entries after {@link #durableSnapshot}. */
    private ArrayList<Entry> durableLog = new ArrayList<>();
    private HardState hardState = HardState.INITIAL;
    /** The last hard state queued as a write (or durable). */
    private HardState queuedHardState = HardState.INITIAL;
    private Snapshot snapshot;
    /** The entries after {@link #snapshot}. */
    private ArrayList<Entry> log = new ArrayList<>();
    /** Writes since the last sync, in order: {@link HardState}, {@link Snapshot} or {@link LogRecord}. */
    private final ArrayList<Object> unsynced = new ArrayList<>();
    private boolean crashed;
    private boolean tornTail;
    /** The torn write itself, as a disk holds what it half wrote: recovery must cut it away, never apply it. */
    private Object tornWrite;
    private long tornWritesCut;
    private long syncs;

    /** An empty store. */
    public MemoryLogStore() {
    }

    /** A store whose durable log is {@code initialLog} (a bootstrap log) and whose hard state is term 0, no vote. */
    public MemoryLogStore(List<Entry> initialLog) {
        durableLog.addAll(initialLog);
        log.addAll(initialLog);
    }

    @Override
    public void persist(Ready ready) {
        checkUp();
        Snapshot next = ready.snapshot();
        Compaction.Tail tail = Compaction.plan(ready, snapshot, base(snapshot), log);
        long base = tail.base();
        long from = ready.persistLogFrom();
        if (ready.hardStateChanged()) {
            hardState = new HardState(ready.term(), ready.votedFor());
        }
        if (next == null && from == 0) {
            return;
        }
        boolean newerTerm = Compaction.newerTerm(ready, queuedHardState.term());
        if (!hardState.equals(queuedHardState) && newerTerm) {
            queueHardState();
        }
        if (next != null) {
            unsynced.add(next);
            snapshot = next;
            log = new ArrayList<>(tail.entries());
        }
        if (from == 0) {
            return;
        }
        if (from <= base + log.size()) {
            unsynced.add(new LogRecord.Truncate(from));
        }
        long index = from;
        for (Entry e : ready.persistEntries()) {
            unsynced.add(new LogRecord.Append(index++, e));
        }
        log.subList((int) (from - base - 1), log.size()).clear();
        log.addAll(ready.persistEntries());
    }

    @Override
    public void sync() {
        checkUp();
        if (!hardState.equals(queuedHardState)) {
            queueHardState();
        }
        unsynced.forEach(this::applyDurably);
        unsynced.clear();
        syncs++;
    }

    /** What a crash may keep of: the writes persisted since the last sync. */
    public int unsyncedWrites() {
        return unsynced.size();
    }

    /** A crash that loses every unsynced write. */
    public void crash() {
        crash(0, false);
    }

    /**
     * A crash that keeps the first {@code kept} unsynced writes (as a disk that wrote some back on its own) and, with
     * {@code tornNext}, leaves the write after them torn (a torn snapshot write is lost whole, as a snapshot file
     * never renamed in). Until {@link #load} recovers, the store takes no writes.
     */
    public void crash(int kept, boolean tornNext) {
        if (kept < 0 || kept > unsynced.size() || (tornNext && kept == unsynced.size())) {
            throw new IllegalArgumentException("cannot keep " + kept + (tornNext ? " writes and tear the next" : "")
                    + " of " + unsynced.size() + " unsynced writes");
        }
        unsynced.subList(0, kept).forEach(this::applyDurably);
        tornWrite = tornNext ? unsynced.get(kept) : null;
        unsynced.clear();
        queuedHardState = durableHardState;
        tornTail = tornNext;
        crashed = true;
        hardState = null;
        snapshot = null;
        log.clear();
    }

    /** After a crash, recovers (cutting a torn write away) and returns the durable state; else the current one. */
    @Override
    public DurableState load() {
        if (crashed) {
            if (tornTail) {
                tornWritesCut++;
                tornTail = false;
                tornWrite = null;
            }
            hardState = durableHardState;
            snapshot = durableSnapshot;
            log.addAll(durableLog);
            crashed = false;
        }
        return new DurableState(hardState.term(), hardState.votedFor(), snapshot, log);
    }

    /** The index of the last entry, counting the snapshot's (absolute: the snapshot's index when no entry follows). */
    @Override
    public long lastIndex() {
        checkUp();
        return base(snapshot) + log.size();
    }

    /** How many torn writes recoveries have cut away. */
    public long tornWritesCut() {
        return tornWritesCut;
    }

    /** How many times {@link #sync} ran. */
    public long syncs() {
        return syncs;
    }

    @Override
    public void close() {
    }

    private static long base(Snapshot s) {
        return s == null ? 0 : s.index();
    }

    private void queueHardState() {
        unsynced.add(hardState);
        queuedHardState = hardState;
    }

    private void applyDurably(Object write) {
        if (write instanceof HardState h) {
            durableHardState = h;
        } else if (write instanceof Snapshot s) {
            durableLog = new ArrayList<>(Compaction.install(base(durableSnapshot), durableLog, s.index(), s.term())
                    .entries());
            durableSnapshot = s;
        } else if (write instanceof LogRecord.Truncate t) {
            durableLog.subList((int) (t.fromIndex() - base(durableSnapshot) - 1), durableLog.size()).clear();
        } else if (write instanceof LogRecord.Append a) {
            durableLog.add(a.entry());
        }
    }

    private void checkUp() {
        if (crashed) {
            throw new IllegalStateException("the store crashed: load() recovers it first");
        }
    }
}
