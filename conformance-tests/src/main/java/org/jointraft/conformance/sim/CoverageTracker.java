package org.jointraft.conformance.sim;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.cluster.NodeStatus;
import org.jointraft.cluster.VirtualCluster;
import org.jointraft.core.Entry;
import org.jointraft.core.EntryKind;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipCall;
import org.jointraft.core.Message;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Ready;
import org.jointraft.core.Role;
import org.jointraft.core.Snapshot;

/**
 * Counts the {@link Coverage.Counter hard paths} of a run from what the {@link Cluster}'s listener hears: every node
 * output (its log change, its snapshot, its role), every delivery, copy and restart. It keeps a shadow of each node's
 * log after its snapshot (the term and kind of every entry), updated from the outputs, so it sees what a step removed
 * or an installed snapshot kept without help from the core.
 */
final class CoverageTracker {

    private static final byte NORMAL = 0;
    private static final byte UNIFORM = 1;
    private static final byte JOINT = 2;

    /**
     * Terms and kinds of one node's log after its snapshot, as of its last output: {@code base} is the snapshot's
     * index and {@code baseTerm} its term; entry {@code base + k} is at position {@code k - 1}. Indexes are log
     * indexes throughout.
     */
    private static final class Shadow {
        long base;
        long baseTerm;
        long[] terms = new long[16];
        byte[] kinds = new byte[16];
        int count;

        long lastIndex() {
            return base + count;
        }

        /** Term at {@code index}, base through lastIndex. */
        long termAt(long index) {
            return index == base ? baseTerm : terms[(int) (index - base - 1)];
        }

        byte kindAt(long index) {
            return kinds[(int) (index - base - 1)];
        }

        void truncate(long keepThrough) {
            count = (int) Math.max(0, Math.min(count, keepThrough - base));
        }

        void append(long term, byte kind) {
            if (count == terms.length) {
                terms = Arrays.copyOf(terms, count * 2);
                kinds = Arrays.copyOf(kinds, count * 2);
            }
            terms[count] = term;
            kinds[count] = kind;
            count++;
        }

        /** Whether the log holds {@code index} with {@code term} (the snapshot's own index included). */
        boolean holds(long index, long term) {
            return index >= base && index <= lastIndex() && termAt(index) == term;
        }

        /** The log now starts after a snapshot at {@code index} of {@code term}; entries above it stay. */
        void compact(long index, long term) {
            int drop = (int) (index - base);
            System.arraycopy(terms, drop, terms, 0, count - drop);
            System.arraycopy(kinds, drop, kinds, 0, count - drop);
            count -= drop;
            base = index;
            baseTerm = term;
        }

        /** The log is replaced by a snapshot at {@code index} of {@code term}, nothing after it. */
        void reset(long index, long term) {
            base = index;
            baseTerm = term;
            count = 0;
        }

        /** Kind of the last membership entry at index {@code upTo} or below, after the base; NORMAL when none. */
        byte lastMembershipKind(long upTo) {
            for (long i = upTo; i > base; i--) {
                if (kindAt(i) != NORMAL) {
                    return kindAt(i);
                }
            }
            return NORMAL;
        }

        /** Whether an entry above {@code index} is a membership entry. */
        boolean membershipAbove(long index) {
            for (long i = Math.max(index, base) + 1; i <= lastIndex(); i++) {
                if (kindAt(i) != NORMAL) {
                    return true;
                }
            }
            return false;
        }
    }

    private final VirtualCluster cluster;
    private final List<SimCall> calls;
    private final long[] counts = new long[Coverage.Counter.values().length];
    private final Shadow[] shadows;
    private final Role[] roles;
    private final long[] terms;
    private final RaftNode[] incarnations;
    /** Per node: its next output with a snapshot is one it took (the cluster asked it to), not an install. */
    private final boolean[] taking;
    /** Messages the network copied, with the number of times each was handed over so far. */
    private final Map<Message, Integer> copied = new IdentityHashMap<>();

    CoverageTracker(VirtualCluster cluster, List<SimCall> calls) {
        this.cluster = cluster;
        this.calls = calls;
        int n = cluster.size();
        shadows = new Shadow[n + 1];
        roles = new Role[n + 1];
        terms = new long[n + 1];
        incarnations = new RaftNode[n + 1];
        taking = new boolean[n + 1];
        for (int id = 1; id <= n; id++) {
            resync(id);
        }
    }

    Coverage coverage() {
        return new Coverage(counts);
    }

    private void count(Coverage.Counter c) {
        counts[c.ordinal()]++;
    }

    // ---------------------------------------------------------------- network

    void onDuplicate(Message m) {
        copied.putIfAbsent(m, 0);
    }

    /** Before {@code m} is handed to its destination. */
    void onDeliver(Message m) {
        Integer handed = copied.get(m);
        if (handed != null) {
            copied.put(m, handed + 1);
            if (handed >= 1) {
                count(Coverage.Counter.DUPLICATE_DELIVERED);
            }
        }
        boolean yes = m instanceof Message.RequestVoteResponse v && v.granted()
                || m instanceof Message.AppendEntriesResponse a && a.success();
        RaftNode dest = cluster.node(m.dest());
        if (yes && m.term() < dest.currentTerm() && dest.role() != Role.FOLLOWER) {
            count(Coverage.Counter.STALE_TERM_RESPONSE);
        }
    }

    // ---------------------------------------------------------------- nodes

    /** Node {@code id} is about to take a snapshot: its next output holds it. */
    void beforeTakeSnapshot(int id) {
        taking[id] = true;
    }

    /** Node {@code id} output {@code ready} (already persisted). */
    void afterInput(int id, Ready ready) {
        RaftNode r = cluster.node(id);
        Role before = roles[id];
        if (ready.snapshot() != null) {
            snapshotted(id, ready.snapshot(), taking[id]);
        }
        taking[id] = false;
        if (ready.persistLogFrom() > 0) {
            logChanged(id, r, ready.persistLogFrom(), before == Role.LEADER || r.role() == Role.LEADER);
        }
        if (r.role() == Role.LEADER && before != Role.LEADER && callBetweenSteps()) {
            count(Coverage.Counter.LEADER_CHANGE_BETWEEN_STEPS);
        }
        if (before == Role.LEADER && r.role() != Role.LEADER && r.currentTerm() == terms[id]
                && cluster.status(id) == NodeStatus.UP) {
            count(Coverage.Counter.REMOVED_LEADER_STEP_DOWN); // the one same-term step-down: removed from the voters
        }
        roles[id] = r.role();
        terms[id] = r.currentTerm();
    }

    void onCrashBeforeSync(int id) {
        count(Coverage.Counter.CRASH_BEFORE_SYNC);
        taking[id] = false; // the snapshot it was taking was lost with the writes
    }

    /** Node {@code id} came back after a crash or stop: in place when it is the same object as before. */
    void afterRestart(int id) {
        if (cluster.node(id) == incarnations[id]) {
            count(Coverage.Counter.IN_PLACE_RESTART);
        }
        taking[id] = false;
        resync(id);
    }

    /**
     * The output took or installed {@code snap}. An install keeps the log after the snapshot when the log held the
     * snapshot's last entry (same index and term), else discards it; the shadow, still the log before this input,
     * tells which, and whether the discarded part held a membership entry newer than the snapshot's.
     */
    private void snapshotted(int id, Snapshot snap, boolean taken) {
        Shadow s = shadows[id];
        if (snap.index() <= s.base) {
            return; // not newer than what the node held (not expected: the core installs only newer ones)
        }
        if (taken) {
            count(Coverage.Counter.SNAPSHOT_TAKEN);
        } else {
            count(Coverage.Counter.SNAPSHOT_INSTALLED);
        }
        if (s.holds(snap.index(), snap.term())) {
            if (!taken && s.lastIndex() > snap.index()) {
                count(Coverage.Counter.INSTALL_KEPT_SUFFIX);
            }
            s.compact(snap.index(), snap.term());
            return;
        }
        if (!taken && s.lastIndex() > s.base) {
            count(Coverage.Counter.INSTALL_DISCARDED_LOG);
            if (s.membershipAbove(snap.membershipIndex())) {
                count(Coverage.Counter.INSTALL_DISCARDED_MEMBERSHIP);
            }
        }
        s.reset(snap.index(), snap.term());
    }

    private boolean callBetweenSteps() {
        for (SimCall c : calls) {
            MembershipCall.Phase p = c.phase();
            if (!c.isDone() && (p == MembershipCall.Phase.BETWEEN_STEPS || p == MembershipCall.Phase.PROPOSING_STEP2)) {
                return true;
            }
        }
        return false;
    }

    private void logChanged(int id, RaftNode r, long from, boolean asLeader) {
        Shadow s = shadows[id];
        long last = r.lastLogIndex();
        long firstRemoved = 0;
        // from is above the node's snapshot (an output's snapshot is applied to the shadow first)
        for (long i = Math.max(from, s.base + 1); i <= s.lastIndex(); i++) {
            if (i > last || r.termAt(i) != s.termAt(i)) {
                firstRemoved = i;
                break;
            }
        }
        if (firstRemoved > 0) {
            count(Coverage.Counter.CONFLICT_TRUNCATION);
            boolean membership = false;
            boolean severalTerms = false;
            long newest = 0;
            for (long i = firstRemoved; i <= s.lastIndex(); i++) {
                membership |= s.kindAt(i) != NORMAL;
                severalTerms |= s.termAt(i) != s.termAt(firstRemoved);
                newest = Math.max(newest, s.termAt(i));
            }
            if (membership) {
                count(Coverage.Counter.MEMBERSHIP_REVERT);
            }
            // the node took the leader's term handling this AppendEntries: a whole term passed in between
            if (severalTerms || newest < r.currentTerm() - 1) {
                count(Coverage.Counter.MULTI_TERM_REPAIR);
            }
            s.truncate(firstRemoved - 1);
        }
        for (long i = s.lastIndex() + 1; i <= last; i++) {
            Entry e = r.entry(i);
            byte kind = kindOf(e);
            if (kind == JOINT && asLeader && e.term() == r.currentTerm() && s.lastMembershipKind(s.lastIndex()) == JOINT) {
                count(Coverage.Counter.JOINT_TO_JOINT);
            }
            s.append(e.term(), kind);
        }
    }

    private void resync(int id) {
        RaftNode r = cluster.node(id);
        Shadow s = new Shadow();
        s.reset(r.snapshotIndex(), r.termAt(r.snapshotIndex()));
        for (long i = r.snapshotIndex() + 1; i <= r.lastLogIndex(); i++) {
            Entry e = r.entry(i);
            s.append(e.term(), kindOf(e));
        }
        shadows[id] = s;
        roles[id] = r.role();
        terms[id] = r.currentTerm();
        incarnations[id] = r;
    }

    private static byte kindOf(Entry e) {
        if (e.kind() != EntryKind.MEMBER) {
            return NORMAL;
        }
        Membership m = e.membership();
        return m.isJoint() ? JOINT : UNIFORM;
    }
}
