package org.jointraft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Ready;

/**
 * A scripted run of persists and syncs, and the states it passes through, to judge what a crash left: the hard
 * state and the log must each be one the store passed through since the last acknowledged sync.
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

    /**
     * Appends, group commit of two Readys, a truncation of a conflicting suffix with a newer term, hard-state-only
     * changes, a joint membership, a pure truncation, and an unsynced tail that enters a new term. With small
     * segments it rolls several times.
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
                persist(0, 0, 8, Entry.normal(3, "f"), Entry.normal(3, null)),
                persist(4, 4, 10, Entry.blank(4)));
    }

    private HardState hardState = HardState.INITIAL;
    private List<Entry> log = List.of();
    private final List<HardState> hardStatesSinceSync = new ArrayList<>(List.of(hardState));
    private final List<List<Entry>> logsSinceSync = new ArrayList<>(List.of(log));

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
        return new DurableState(hardState.term(), hardState.votedFor(), log);
    }

    /** Asserts that {@code recovered} is a state between the last acknowledged sync and the attempted state. */
    void assertAllows(DurableState recovered, String what) {
        assertThat(hardStatesSinceSync).as("hard state after %s", what)
                .contains(new HardState(recovered.term(), recovered.votedFor()));
        assertThat(logsSinceSync).as("log after %s", what).contains(recovered.log());
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
        long from = ready.persistLogFrom();
        if (from > 0) {
            if (from <= log.size()) {
                log = List.copyOf(log.subList(0, (int) from - 1));
                logsSinceSync.add(log);
            }
            for (Entry e : ready.persistEntries()) {
                List<Entry> longer = new ArrayList<>(log);
                longer.add(e);
                log = List.copyOf(longer);
                logsSinceSync.add(log);
            }
        }
    }

    private void acknowledge() {
        hardStatesSinceSync.clear();
        hardStatesSinceSync.add(hardState);
        logsSinceSync.clear();
        logsSinceSync.add(log);
    }
}
