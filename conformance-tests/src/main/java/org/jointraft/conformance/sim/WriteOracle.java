package org.jointraft.conformance.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jointraft.core.Entry;
import org.jointraft.core.Role;

/**
 * The client's view of durability: a write counts as acknowledged when the leader that accepted it still leads the
 * same term and its commit index reaches the write's entry (the moment a real server would answer "committed"). Every
 * leader of a later term must then hold that entry at its index. The state machine safety check of
 * {@link SafetyChecker} compares what nodes committed; this one catches a later leader without an acknowledged write
 * at the moment it is elected, before it overwrites or commits anything, and names the write a client lost.
 */
public final class WriteOracle {

    /** A write some leader accepted, and the tick it was acknowledged (-1 while it is not). */
    private record Write(int leader, long index, Entry entry, long acknowledgedAt) {
    }

    /** Per leader, its accepted writes not yet acknowledged, in index order. */
    private final Map<Integer, ArrayDeque<Write>> pending = new HashMap<>();
    private final List<Write> acknowledged = new ArrayList<>();
    private final Set<Long> termsChecked = new HashSet<>();

    /** Leader {@code leader} accepted {@code entry} at {@code index}. */
    public void accepted(int leader, long index, Entry entry) {
        pending.computeIfAbsent(leader, k -> new ArrayDeque<>()).addLast(new Write(leader, index, entry, -1));
    }

    /** Writes acknowledged so far. */
    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /**
     * Reads node {@code view} after one of its steps at tick {@code now}: acknowledges the writes it accepted that it
     * now commits as leader of their term, and checks a leader of a term not seen before.
     *
     * @return what a client lost, or null
     */
    public SafetyChecker.Violation check(ReplicaView view, long now) {
        if (view.role() != Role.LEADER) {
            return null;
        }
        acknowledge(view, now);
        if (!termsChecked.add(view.currentTerm())) {
            return null;
        }
        for (Write w : acknowledged) {
            if (w.entry().term() >= view.currentTerm()) {
                continue;
            }
            if (view.lastLogIndex() < w.index() || !holds(view, w)) {
                String found = view.lastLogIndex() < w.index() ? "its log ends at " + view.lastLogIndex()
                        : w.index() <= view.snapshotIndex() ? "its snapshot through index " + view.snapshotIndex()
                        + " has term " + view.termAt(view.snapshotIndex())
                        : "it holds " + view.entry(w.index());
                return new SafetyChecker.Violation("acknowledged write lost", "node " + view.id() + " leads term "
                        + view.currentTerm() + " without the write " + w.entry() + " at index " + w.index()
                        + " that node " + w.leader() + " acknowledged as committed at tick " + w.acknowledgedAt()
                        + "; " + found);
            }
        }
        return null;
    }

    /**
     * Whether the leader holds write {@code w}. An index its snapshot compacted holds committed state: the term is
     * compared where the snapshot shows it (its last index) and the rest is left to the state machine checks
     * ({@link SafetyChecker} saw the entry when it was committed, {@link StateMachineChecker} checks the state).
     */
    private static boolean holds(ReplicaView view, Write w) {
        if (w.index() < view.snapshotIndex()) {
            return true;
        }
        if (w.index() == view.snapshotIndex()) {
            return view.termAt(w.index()) == w.entry().term();
        }
        return view.entry(w.index()).equals(w.entry());
    }

    private void acknowledge(ReplicaView view, long now) {
        ArrayDeque<Write> mine = pending.get(view.id());
        long commit = Math.min(view.commitIndex(), view.lastLogIndex());
        while (mine != null && !mine.isEmpty() && (mine.peekFirst().index() <= commit
                || mine.peekFirst().entry().term() < view.currentTerm())) {
            Write w = mine.pollFirst();
            // an earlier term's write is never acknowledged: its leader lost that term before committing it
            if (w.entry().term() == view.currentTerm() && holds(view, w)) {
                acknowledged.add(new Write(w.leader(), w.index(), w.entry(), now));
            }
        }
    }
}
