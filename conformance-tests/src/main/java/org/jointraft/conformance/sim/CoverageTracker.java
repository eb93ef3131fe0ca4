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

/**
 * Counts the {@link Coverage.Counter hard paths} of a run from what the {@link Cluster}'s listener hears: every node
 * output (its log change, its role), every delivery, copy and restart. It keeps a shadow of each node's log (the
 * term and kind of every entry), updated from the outputs, so it sees what a step removed without help from the
 * core.
 */
final class CoverageTracker {

    private static final byte NORMAL = 0;
    private static final byte UNIFORM = 1;
    private static final byte JOINT = 2;

    /** Terms and kinds of one node's log, as of its last output. */
    private static final class Shadow {
        long[] terms = new long[16];
        byte[] kinds = new byte[16];
        int size;

        void truncate(int keep) {
            size = Math.min(size, keep);
        }

        void append(long term, byte kind) {
            if (size == terms.length) {
                terms = Arrays.copyOf(terms, size * 2);
                kinds = Arrays.copyOf(kinds, size * 2);
            }
            terms[size] = term;
            kinds[size] = kind;
            size++;
        }

        /** Kind of the last membership entry at index {@code upTo} or below (1-based), NORMAL when none. */
        byte lastMembershipKind(int upTo) {
            for (int i = upTo; i >= 1; i--) {
                if (kinds[i - 1] != NORMAL) {
                    return kinds[i - 1];
                }
            }
            return NORMAL;
        }
    }

    private final VirtualCluster cluster;
    private final List<SimCall> calls;
    private final long[] counts = new long[Coverage.Counter.values().length];
    private final Shadow[] shadows;
    private final Role[] roles;
    private final long[] terms;
    private final RaftNode[] incarnations;
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

    /** Node {@code id} output {@code ready} (already persisted). */
    void afterInput(int id, Ready ready) {
        RaftNode r = cluster.node(id);
        Role before = roles[id];
        if (ready.persistLogFrom() > 0) {
            logChanged(id, r, (int) ready.persistLogFrom(), before == Role.LEADER || r.role() == Role.LEADER);
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

    void onCrashBeforeSync() {
        count(Coverage.Counter.CRASH_BEFORE_SYNC);
    }

    /** Node {@code id} came back after a crash or stop: in place when it is the same object as before. */
    void afterRestart(int id) {
        if (cluster.node(id) == incarnations[id]) {
            count(Coverage.Counter.IN_PLACE_RESTART);
        }
        resync(id);
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

    private void logChanged(int id, RaftNode r, int from, boolean asLeader) {
        Shadow s = shadows[id];
        int last = (int) r.lastLogIndex();
        int firstRemoved = 0;
        for (int i = from; i <= s.size; i++) {
            if (i > last || r.termAt(i) != s.terms[i - 1]) {
                firstRemoved = i;
                break;
            }
        }
        if (firstRemoved > 0) {
            count(Coverage.Counter.CONFLICT_TRUNCATION);
            boolean membership = false;
            boolean severalTerms = false;
            long newest = 0;
            for (int i = firstRemoved; i <= s.size; i++) {
                membership |= s.kinds[i - 1] != NORMAL;
                severalTerms |= s.terms[i - 1] != s.terms[firstRemoved - 1];
                newest = Math.max(newest, s.terms[i - 1]);
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
        for (int i = s.size + 1; i <= last; i++) {
            Entry e = r.entry(i);
            byte kind = kindOf(e);
            if (kind == JOINT && asLeader && e.term() == r.currentTerm() && s.lastMembershipKind(s.size) == JOINT) {
                count(Coverage.Counter.JOINT_TO_JOINT);
            }
            s.append(e.term(), kind);
        }
    }

    private void resync(int id) {
        RaftNode r = cluster.node(id);
        Shadow s = new Shadow();
        for (int i = 1; i <= r.lastLogIndex(); i++) {
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
