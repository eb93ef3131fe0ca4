package org.jointraft.storage;

import java.util.List;
import org.jointraft.core.Entry;
import org.jointraft.core.Ready;
import org.jointraft.core.Snapshot;

/**
 * What a snapshot leaves of the log, the one rule both stores apply (when a snapshot is persisted, when its write
 * becomes durable, and when a reload finds a snapshot the segments have not caught up with): entries at or below the
 * snapshot's index go; the entries above it stay only if the log's entry at that index has the snapshot's term, or if
 * that entry is compacted already. Otherwise the log is empty after the snapshot. A crash between an install and the
 * truncation it implies so cannot bring back a suffix that conflicts with the snapshot.
 */
final class Compaction {

    /** A log whose entries {@code entries} are at {@code base + 1} on; {@code kept}: the suffix survived. */
    record Tail(long base, List<Entry> entries, boolean kept) {
    }

    private Compaction() {
    }

    /** The log {@code entries} (at {@code base + 1} on) after a snapshot at {@code index} with term {@code term}. */
    static Tail install(long base, List<Entry> entries, long index, long term) {
        if (index <= base) {
            // the entry at the index is compacted: nothing to judge it by, and nothing to drop
            return new Tail(base, List.copyOf(entries), true);
        }
        long offset = index - base;
        if (offset <= entries.size() && entries.get((int) offset - 1).term() == term) {
            return new Tail(index, List.copyOf(entries.subList((int) offset, entries.size())), true);
        }
        return new Tail(index, List.of(), false);
    }

    /**
     * The check both stores make before a log change: {@code from} is 0 (no change) or in {@code base + 1 ..
     * last + 1}, where {@code base} is the snapshot's index and {@code last} the last index after the snapshot.
     */
    static void checkFrom(long from, long base, long last) {
        if (from < 0 || from > last + 1) {
            throw new IllegalStateException("asked to persist from index " + from + " but the log ends at " + last);
        }
        if (from != 0 && from <= base) {
            throw new IllegalStateException("asked to persist from index " + from
                    + " but the log is compacted up to the snapshot's index " + base);
        }
    }

    /** Refuses a snapshot below the one the store holds (snapshots only move forward). */
    static void checkNotBelow(Snapshot next, Snapshot held) {
        if (held != null && next.index() < held.index()) {
            throw new IllegalStateException("asked to persist a snapshot at index " + next.index()
                    + " below the store's snapshot at index " + held.index());
        }
    }

    /**
     * What {@code ready} leaves of the log (at {@code base + 1} on) behind its snapshot, or the log as it is when it
     * has none, after checking that its snapshot does not go back and that its log change fits.
     */
    static Tail plan(Ready ready, Snapshot held, long base, List<Entry> log) {
        Snapshot next = ready.snapshot();
        Tail tail = new Tail(base, log, true);
        if (next != null) {
            checkNotBelow(next, held);
            tail = install(base, log, next.index(), next.term());
        }
        checkFrom(ready.persistLogFrom(), tail.base(), tail.base() + tail.entries().size());
        return tail;
    }

    /** Whether {@code ready} brings a term above {@code writtenTerm}: the hard state must then be written first. */
    static boolean newerTerm(Ready ready, long writtenTerm) {
        return (ready.snapshot() != null && ready.snapshot().term() > writtenTerm)
                || ready.persistEntries().stream().anyMatch(e -> e.term() > writtenTerm);
    }
}
