package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Ready;
import org.jointraft.core.Snapshot;

/**
 * A scripted run of persists and syncs, and the states it passes through, to judge what a crash left: the hard
 * state and the log (with its snapshot) must each be one the store passed through since the last acknowledged sync.
 */
final class Workload {

    /** One step: persist {@code ready}, or sync when it is null. */
    record Step(Ready ready) {
        boolean isSync() {
            return ready == null;
        }
    }

    static final Step SYNC = new Step(null);

    /** A Ready that only persists: hard state when {@code term > 0}, the log change when {@code from > 0}. */
    static Ready ready(long term, int votedFor, long from, Entry... entries) {
        return new Ready(List.of(), term > 0, term, votedFor, from, List.of(entries), 0, List.of(), List.of());
    }

    static Step persist(long term, int votedFor, long from, Entry... entries) {
        return new Step(ready(term, votedFor, from, entries));
    }

    /** A Ready that persists {@code snapshot} before its log change (a take-snapshot has {@code from} 0). */
    static Ready snapshotReady(Snapshot snapshot, long term, int votedFor, long from, Entry... entries) {
        return new Ready(List.of(), term > 0, term, votedFor, from, List.of(entries), 0, List.of(), List.of(),
                snapshot);
    }

    static Step persistSnapshot(Snapshot snapshot, long term, int votedFor, long from, Entry... entries) {
        return new Step(snapshotReady(snapshot, term, votedFor, from, entries));
    }

    static Snapshot snapshot(long index, long term, long membershipIndex, Membership membership) {
        return new Snapshot(index, term, membershipIndex, membership, ("state@" + index).getBytes());
    }

    static final Membership JOINT = Membership.joint(List.of(1, 2, 3), List.of(2, 3, 4), List.of(5));

    /**
     * Appends, group commit of two Readys, a truncation of a conflicting suffix with a newer term, hard-state-only
     * changes, a joint membership, a pure truncation; then snapshots: one taken after unsynced appends (so its write
     * waits for them), an install in a newer term that conflicts with the last entry and discards the log, one that
     * matches and keeps the suffix; and an unsynced tail that enters a new term. With small segments it rolls several
     * times and compaction deletes the oldest segments.
     */
    static List<Step> scripted() {
        return List.of(
                persist(1, 1, 1, Entry.blank(1), Entry.member(1, Membership.of(1, 2, 3)), Entry.normal(1, "a")),
                SYNC,
                persist(0, 0, 4, Entry.normal(1, "b"), Entry.normal(1, "c")),
                persist(0, 0, 6, Entry.normal(1, "d")),
                SYNC,
                persist(2, 2, 5, Entry.blank(2), Entry.normal(2, "e")),
                SYNC,
                persist(3, 0, 0),
                SYNC,
                persist(3, 3, 0),
                persist(0, 0, 7, Entry.member(3, Membership.joint(List.of(1, 2, 3), List.of(2, 3, 4), List.of(5))),
                        Entry.normal(3, "a longer payload, to fill segments faster")),
                SYNC,
                persist(0, 0, 8),
                SYNC,
                persist(0, 0, 8, Entry.normal(3, "g")),
                persistSnapshot(snapshot(4, 1, 2, Membership.of(1, 2, 3)), 0, 0, 0),
                SYNC,
                persistSnapshot(snapshot(8, 4, 7, JOINT), 4, 0, 9),
                SYNC,
                persist(0, 0, 9, Entry.normal(4, "h"), Entry.normal(4, "i")),
                persist(0, 0, 11, Entry.normal(4, "j")),
                SYNC,
                persistSnapshot(snapshot(10, 4, 7, JOINT), 0, 0, 0),
                SYNC,
                persist(0, 0, 12, Entry.normal(4, "f"), Entry.normal(4, null)),
                persist(5, 5, 14, Entry.blank(5)));
    }

    /** A snapshot (null: none) and the entries after it. */
    record LogState(Snapshot snapshot, List<Entry> log) {
        long base() {
            return snapshot == null ? 0 : snapshot.index();
        }
    }

    private HardState hardState = HardState.INITIAL;
    private Snapshot snapshot;
    private List<Entry> log = List.of();
    private final List<HardState> hardStatesSinceSync = new ArrayList<>(List.of(hardState));
    private final List<LogState> logsSinceSync = new ArrayList<>(List.of(new LogState(null, log)));

    /** Runs {@code steps} on {@code store} until done or until the store throws (a crash); returns this model. */
    Workload run(LogStore store, List<Step> steps) {
        try {
            for (Step step : steps) {
                if (step.isSync()) {
                    store.sync();
                    acknowledge();
                } else {
                    attempt(step.ready());
                    store.persist(step.ready());
                }
            }
        } catch (IOException crash) {
            // what the crash left is for the caller to judge
        }
        return this;
    }

    /** The state reached when no step failed. */
    DurableState attempted() {
        return new DurableState(hardState.term(), hardState.votedFor(), snapshot, log);
    }

    /** The states of the log this run passed through since the last acknowledged sync. */
    List<LogState> logsSinceSync() {
        return logsSinceSync;
    }

    /** Asserts that {@code recovered} is a state between the last acknowledged sync and the attempted state. */
    void assertAllows(DurableState recovered, String what) {
        assertThat(hardStatesSinceSync).as("hard state after %s", what)
                .contains(new HardState(recovered.term(), recovered.votedFor()));
        assertThat(logsSinceSync).as("snapshot and log after %s", what)
                .contains(new LogState(recovered.snapshot(), recovered.log()));
        if (recovered.snapshot() != null) {
            assertThat(recovered.snapshot().term()).as("snapshot term after %s", what)
                    .isLessThanOrEqualTo(recovered.term());
        }
        if (!recovered.log().isEmpty()) {
            assertThat(recovered.log().get(recovered.log().size() - 1).term()).as("last log term after %s", what)
                    .isLessThanOrEqualTo(recovered.term());
        }
    }

    private void attempt(Ready ready) {
        if (ready.hardStateChanged()) {
            hardState = new HardState(ready.term(), ready.votedFor());
            hardStatesSinceSync.add(hardState);
        }
        Snapshot next = ready.snapshot();
        if (next != null) {
            // the suffix survives only if the log holds the snapshot's last entry with its term (or compacted it)
            long base = snapshot == null ? 0 : snapshot.index();
            long at = next.index() - base;
            boolean matches = at <= 0 || (at <= log.size() && log.get((int) at - 1).term() == next.term());
            log = matches ? List.copyOf(log.subList((int) Math.min(Math.max(at, 0), log.size()), log.size()))
                    : List.of();
            snapshot = next;
            logsSinceSync.add(new LogState(snapshot, log));
        }
        long base = snapshot == null ? 0 : snapshot.index();
        long from = ready.persistLogFrom();
        if (from > 0) {
            if (from <= base + log.size()) {
                log = List.copyOf(log.subList(0, (int) (from - base - 1)));
                logsSinceSync.add(new LogState(snapshot, log));
            }
            for (Entry e : ready.persistEntries()) {
                List<Entry> longer = new ArrayList<>(log);
                longer.add(e);
                log = List.copyOf(longer);
                logsSinceSync.add(new LogState(snapshot, log));
            }
        }
    }

    private void acknowledge() {
        hardStatesSinceSync.clear();
        hardStatesSinceSync.add(hardState);
        logsSinceSync.clear();
        logsSinceSync.add(new LogState(snapshot, log));
    }
}
