package org.jointraft.conformance.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.core.Entry;
import org.jointraft.core.Role;

/**
 * Java-side Raft safety checks, cheap enough to run after every step of a simulation because each check looks only at
 * what the step may have changed:
 * <ul>
 * <li>election safety: at most one leader per term (every leader ever seen is remembered by term);</li>
 * <li>log matching: entries with the same index and term are equal and follow entries of the same term (by induction
 * that makes the whole prefixes equal), checked on the log suffix a step wrote;</li>
 * <li>state machine safety: every node's entries up to its commit index equal the entries any node committed at
 * those indexes, and its snapshot's term equals that of the entry committed at the snapshot's index.</li>
 * </ul>
 * A node's entries at or below its snapshot index are compacted: they are checked on the nodes that still hold them
 * (and were checked on this one while it did), and the state they made is checked by the
 * {@link StateMachineChecker}.
 * Nodes are checked one at a time with {@link #check(ReplicaView, long)}; the first violation is returned and the
 * checker should not be used after it.
 */
public final class SafetyChecker {

    /** What one (index, term) pair means: the entry and the term of the entry before it. */
    private record Slot(Entry entry, long prevTerm, int node) {
    }

    private final Map<Long, Integer> leaderOfTerm = new HashMap<>();
    private final Map<Long, Map<Long, Slot>> slots = new HashMap<>();
    /** By index - 1: the entry committed there, null while no node that committed it could show it (compacted). */
    private final List<Entry> committed = new ArrayList<>();
    private final List<Integer> committedBy = new ArrayList<>();
    /** Per node id: the highest index already compared with the committed log. */
    private final Map<Integer, Long> checkedCommit = new HashMap<>();

    /**
     * Checks node {@code view} after a step that may have changed its log at {@code logChangedFrom} and later
     * ({@code 0}: the log did not change; use 1 for a node seen the first time).
     *
     * @return the first rule broken, or null
     */
    public Violation check(ReplicaView view, long logChangedFrom) {
        Violation v = checkLeader(view);
        if (v == null && logChangedFrom > 0) {
            v = checkLogMatching(view, logChangedFrom);
        }
        if (v == null) {
            v = checkCommitted(view);
        }
        return v;
    }

    /** The node restarted: its commit index starts again from 0. */
    public void restarted(int node) {
        checkedCommit.put(node, 0L);
    }

    /** A broken rule; {@link Simulator} adds the time. */
    public record Violation(String rule, String message) {
    }

    private Violation checkLeader(ReplicaView view) {
        if (view.role() != Role.LEADER) {
            return null;
        }
        Integer other = leaderOfTerm.putIfAbsent(view.currentTerm(), view.id());
        if (other != null && other != view.id()) {
            return new Violation("election safety", "nodes " + other + " and " + view.id() + " are both leaders of term "
                    + view.currentTerm());
        }
        return null;
    }

    private Violation checkLogMatching(ReplicaView view, long from) {
        long last = view.lastLogIndex();
        for (long i = Math.max(view.snapshotIndex() + 1, from); i <= last; i++) {
            Entry e = view.entry(i);
            long prevTerm = view.termAt(i - 1); // the snapshot's term right after it
            Slot mine = new Slot(e, prevTerm, view.id());
            Slot known = slots.computeIfAbsent(i, k -> new HashMap<>()).putIfAbsent(e.term(), mine);
            if (known == null) {
                continue;
            }
            if (!known.entry().equals(e)) {
                return new Violation("log matching", "nodes " + known.node() + " and " + view.id()
                        + " hold different entries at index " + i + " term " + e.term() + ": " + known.entry()
                        + " vs " + e);
            }
            if (known.prevTerm() != prevTerm) {
                return new Violation("log matching", "nodes " + known.node() + " and " + view.id()
                        + " agree on index " + i + " term " + e.term() + " but differ before it: index " + (i - 1)
                        + " has term " + known.prevTerm() + " on node " + known.node() + " and " + prevTerm
                        + " on node " + view.id());
            }
        }
        return null;
    }

    private Violation checkCommitted(ReplicaView view) {
        long commit = Math.min(view.commitIndex(), view.lastLogIndex());
        long done = checkedCommit.getOrDefault(view.id(), 0L);
        long snapshot = view.snapshotIndex();
        if (snapshot > done && snapshot <= commit) {
            long term = view.termAt(snapshot);
            Entry known = snapshot <= committed.size() ? committed.get((int) (snapshot - 1)) : null;
            if (known != null && known.term() != term) {
                return new Violation("state machine safety", "node " + view.id() + " holds a snapshot through index "
                        + snapshot + " of term " + term + " but node " + committedBy.get((int) (snapshot - 1))
                        + " committed " + known + " there");
            }
        }
        for (long i = Math.max(done, snapshot) + 1; i <= commit; i++) {
            Entry e = view.entry(i);
            while (committed.size() < i) {
                committed.add(null);
                committedBy.add(0);
            }
            Entry known = committed.get((int) (i - 1));
            if (known == null) {
                committed.set((int) (i - 1), e);
                committedBy.set((int) (i - 1), view.id());
            } else if (!known.equals(e)) {
                return new Violation("state machine safety", "node " + view.id() + " committed " + e
                        + " at index " + i + " but node " + committedBy.get((int) (i - 1)) + " committed " + known);
            }
        }
        if (commit > done) {
            checkedCommit.put(view.id(), commit);
        }
        return null;
    }
}
