package org.jointraft.conformance.sim;

import java.util.ArrayList;
import java.util.List;
import org.jointraft.cluster.NodeStatus;
import org.jointraft.core.Membership;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Role;

/**
 * The conditions a healed cluster must reach (docs/simulator.md, "Liveness phase"), checked in this order, the first
 * that fails named:
 * <ol>
 * <li>{@code one-leader}: exactly one running node is leader, and no running voter of the leader's effective
 * membership is in a higher term (a node outside it is removed, whatever its own stale log says: no leader contacts
 * it, and the members' leader stickiness keeps its campaigns from deposing anyone);</li>
 * <li>{@code calls-ended}: every membership call that was started has ended;</li>
 * <li>{@code logs-equal}: every running member of the leader's effective membership has the leader's log;</li>
 * <li>{@code all-committed}: the leader and each of those members have committed their whole log.</li>
 * </ol>
 * Logs are compared by last index and term (enough under log matching, which the safety checker enforces), and
 * entry by entry once everything else holds, from the later of the two snapshot indexes (the entries before it are
 * compacted on one of them).
 */
public final class LivenessCheck {
    public static final String ONE_LEADER = "one-leader";
    public static final String CALLS_ENDED = "calls-ended";
    public static final String LOGS_EQUAL = "logs-equal";
    public static final String ALL_COMMITTED = "all-committed";
    /** The conditions held once but not for the whole stability window (see {@link LivenessPhase}). */
    public static final String STABLE_LEADER = "stable-leader";

    private LivenessCheck() {
    }

    /** The first condition that does not hold now, or null when all do. */
    public static LivenessViolation check(Cluster c) {
        List<Integer> leaders = new ArrayList<>();
        for (int id = 1; id <= c.size(); id++) {
            if (c.status(id) == NodeStatus.UP && c.node(id).role() == Role.LEADER) {
                leaders.add(id);
            }
        }
        if (leaders.size() != 1) {
            return new LivenessViolation(ONE_LEADER, (leaders.isEmpty() ? "no running node is leader"
                    : "running leaders " + leaders) + "; " + states(c));
        }
        int l = leaders.get(0);
        RaftNode leader = c.node(l);
        Membership members = leader.effectiveMembership();
        for (int id = 1; id <= c.size(); id++) {
            RaftNode n = c.node(id);
            if (c.status(id) == NodeStatus.UP && members.isVoter(id) && n.currentTerm() > leader.currentTerm()) {
                return new LivenessViolation(ONE_LEADER, "leader " + l + " is in term " + leader.currentTerm()
                        + " but running voter " + id + " is in term " + n.currentTerm() + "; " + states(c));
            }
        }
        for (SimCall call : c.calls()) {
            if (!call.isDone()) {
                return new LivenessViolation(CALLS_ENDED, "call " + call.id() + " ("
                        + call.report().operation().traceName() + " on node " + call.node() + ", node "
                        + c.status(call.node()).name().toLowerCase(java.util.Locale.ROOT) + ") is still open in phase "
                        + call.phase() + "; leader " + l);
            }
        }
        for (int id : members.members()) {
            if (id == l || id > c.size() || c.status(id) != NodeStatus.UP) {
                continue;
            }
            RaftNode n = c.node(id);
            if (n.lastLogIndex() != leader.lastLogIndex() || n.lastLogTerm() != leader.lastLogTerm()) {
                return new LivenessViolation(LOGS_EQUAL, "node " + id + "'s log ends at index " + n.lastLogIndex()
                        + " (term " + n.lastLogTerm() + "), leader " + l + "'s at " + leader.lastLogIndex()
                        + " (term " + leader.lastLogTerm() + "); node " + id + " is " + n);
            }
        }
        for (int id : withLeader(members, l)) {
            if (id > c.size() || c.status(id) != NodeStatus.UP) {
                continue;
            }
            RaftNode n = c.node(id);
            if (n.commitIndex() < leader.lastLogIndex()) {
                return new LivenessViolation(ALL_COMMITTED, "node " + id + " committed " + n.commitIndex() + " of the "
                        + leader.lastLogIndex() + " entries of leader " + l + "'s log");
            }
        }
        for (int id : members.members()) {
            if (id != l && id <= c.size() && c.status(id) == NodeStatus.UP && !sameLog(c.node(id), leader)) {
                return new LivenessViolation(LOGS_EQUAL, "node " + id + "'s log has the leader " + l
                        + "'s last index and term but other entries");
            }
        }
        return null;
    }

    /**
     * Whether two logs with the same last index are equal where both still hold entries: the term at the later of
     * their snapshot indexes and every entry after it (what either compacted, the state machine checks cover).
     */
    static boolean sameLog(RaftNode a, RaftNode b) {
        long from = Math.max(a.snapshotIndex(), b.snapshotIndex());
        if (a.termAt(from) != b.termAt(from)) {
            return false;
        }
        for (long i = from + 1; i <= a.lastLogIndex(); i++) {
            if (!a.entry(i).equals(b.entry(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> withLeader(Membership members, int leader) {
        List<Integer> ids = new ArrayList<>(members.members());
        if (!ids.contains(leader)) {
            ids.add(leader);
        }
        return ids;
    }

    /** Every node: {@code 1 follower t5 last 12/5 commit 10}, crashed and stopped ones marked. */
    static String states(Cluster c) {
        StringBuilder s = new StringBuilder("nodes:");
        for (int id = 1; id <= c.size(); id++) {
            RaftNode n = c.node(id);
            s.append(id == 1 ? " " : ", ").append(id).append(' ');
            if (c.status(id) != NodeStatus.UP) {
                s.append(c.status(id).name().toLowerCase(java.util.Locale.ROOT)).append(' ');
            }
            s.append(n.role().name().toLowerCase(java.util.Locale.ROOT)).append(" t").append(n.currentTerm())
                    .append(" last ").append(n.lastLogIndex()).append('/').append(n.lastLogTerm()).append(" commit ")
                    .append(n.commitIndex()).append(" membership ").append(n.effectiveMembership());
        }
        return s.toString();
    }
}
