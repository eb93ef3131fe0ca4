package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jointraft.conformance.sim.Coverage.Counter.CONFLICT_TRUNCATION;
import static org.jointraft.conformance.sim.Coverage.Counter.DUPLICATE_DELIVERED;
import static org.jointraft.conformance.sim.Coverage.Counter.INSTALL_DISCARDED_LOG;
import static org.jointraft.conformance.sim.Coverage.Counter.INSTALL_DISCARDED_MEMBERSHIP;
import static org.jointraft.conformance.sim.Coverage.Counter.INSTALL_KEPT_SUFFIX;
import static org.jointraft.conformance.sim.Coverage.Counter.IN_PLACE_RESTART;
import static org.jointraft.conformance.sim.Coverage.Counter.JOINT_TO_JOINT;
import static org.jointraft.conformance.sim.Coverage.Counter.LEADER_CHANGE_BETWEEN_STEPS;
import static org.jointraft.conformance.sim.Coverage.Counter.MEMBERSHIP_REVERT;
import static org.jointraft.conformance.sim.Coverage.Counter.MULTI_TERM_REPAIR;
import static org.jointraft.conformance.sim.Coverage.Counter.REMOVED_LEADER_STEP_DOWN;
import static org.jointraft.conformance.sim.Coverage.Counter.SNAPSHOT_INSTALLED;
import static org.jointraft.conformance.sim.Coverage.Counter.SNAPSHOT_TAKEN;
import static org.jointraft.conformance.sim.Coverage.Counter.STALE_TERM_RESPONSE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jointraft.cluster.NodeStatus;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipCall;
import org.jointraft.core.MembershipChange;
import org.jointraft.core.Message;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Role;
import org.junit.jupiter.api.Test;

/** Each hard path counter: a scripted cluster that reaches it, and one that comes close without reaching it. */
class CoverageTest {

    private static Cluster cluster(int nodes, int voters, NetworkFaults network) {
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id <= voters; id++) {
            ids.add(id);
        }
        Cluster c = new Cluster(nodes, Membership.uniform(ids), 3, network, null, null);
        assertThat(c.runUntil(() -> c.leader() != 0, 300)).as("a leader").isTrue();
        c.run(10);
        return c;
    }

    private static Cluster cluster(int nodes, int voters) {
        return cluster(nodes, voters, NetworkFaults.reliable(1));
    }

    private static long count(Cluster c, Coverage.Counter counter) {
        return c.coverage().count(counter);
    }

    private static int other(Cluster c, int... not) {
        for (int id = 1; id <= c.size(); id++) {
            final int candidate = id;
            if (java.util.Arrays.stream(not).noneMatch(n -> n == candidate)) {
                return id;
            }
        }
        throw new AssertionError("no other node");
    }

    private static void awaitDone(Cluster c, SimCall call) {
        assertThat(c.runUntil(call::isDone, 300)).as("call " + call.id() + " done").isTrue();
        assertThat(call.report().result()).isEqualTo("ok");
    }

    /** Node {@code l} alone on its side; it is sent a joint membership and two writes it can never commit. */
    private static void isolateWithUncommittedEntries(Cluster c, int l) {
        c.partition(Set.of(l));
        TreeSet<Integer> rest = new TreeSet<>(c.node(l).effectiveMembership().lastConfig());
        rest.remove(other(c, l));
        c.proposeMembership(l, Membership.joint(c.node(l).effectiveMembership().lastConfig(), rest, List.of()));
        c.run(1);
        assertThat(c.node(l).effectiveMembership().isJoint()).isTrue();
        assertThat(c.write("lost 1")).isTrue();
        assertThat(c.write("lost 2")).isTrue();
    }

    /** Waits for a leader (of the highest term) that is none of {@code old}. */
    private static int awaitNewLeader(Cluster c, int... old) {
        assertThat(c.runUntil(() -> c.leader() != 0 && java.util.Arrays.stream(old).noneMatch(o -> o == c.leader()),
                300)).as("a new leader").isTrue();
        return c.leader();
    }

    private static void awaitSameLog(Cluster c, int a, int b) {
        assertThat(c.runUntil(() -> c.node(a).lastLogIndex() == c.node(b).lastLogIndex()
                && c.node(a).lastLogTerm() == c.node(b).lastLogTerm(), 300)).as("logs of " + a + " and " + b).isTrue();
    }

    @Test
    void anIsolatedLeaderLosesItsConflictingSuffixWithItsMembershipRepairedByTheNextTerm() {
        Cluster c = cluster(3, 3);
        int l = c.leader();
        long term = c.node(l).currentTerm();
        isolateWithUncommittedEntries(c, l);
        int m = awaitNewLeader(c, l);
        assertThat(c.node(m).currentTerm()).as("the very next term").isEqualTo(term + 1);
        c.write("kept");
        assertThat(count(c, CONFLICT_TRUNCATION)).isZero();

        c.heal();
        awaitSameLog(c, l, m);

        assertThat(count(c, CONFLICT_TRUNCATION)).isEqualTo(1);
        assertThat(count(c, MEMBERSHIP_REVERT)).isEqualTo(1);
        assertThat(c.node(l).effectiveMembership().isJoint()).isFalse();
        // one term lost, repaired by the next term: no multi-term repair; stepping down for a later term is no
        // removed leader's step-down
        assertThat(count(c, MULTI_TERM_REPAIR)).isZero();
        assertThat(count(c, REMOVED_LEADER_STEP_DOWN)).isZero();
        assertThat(c.violation()).isNull();
    }

    @Test
    void aSuffixRepairedByALeaderTwoTermsLaterIsAMultiTermRepair() {
        Cluster c = cluster(5, 5);
        int l = c.leader();
        long term = c.node(l).currentTerm();
        isolateWithUncommittedEntries(c, l);
        int m = awaitNewLeader(c, l);
        c.run(5);
        c.crash(m, -1);
        int k = awaitNewLeader(c, m, l);
        assertThat(c.node(k).currentTerm()).isGreaterThanOrEqualTo(term + 2);

        c.heal();
        awaitSameLog(c, l, k);

        assertThat(count(c, CONFLICT_TRUNCATION)).isEqualTo(1);
        assertThat(count(c, MULTI_TERM_REPAIR)).isEqualTo(1);
        assertThat(c.violation()).isNull();
    }

    @Test
    void aJointMembershipAfterAJointOneIsCountedAndAChangeThroughOneJointIsNot() {
        Cluster c = cluster(4, 3);
        int l = c.leader();
        int x = other(c, l, 4);
        TreeSet<Integer> b = new TreeSet<>(Set.of(l, x));
        TreeSet<Integer> bAnd4 = new TreeSet<>(Set.of(l, x, 4));
        awaitDone(c, c.changeMembership(l, List.of(MembershipChange.removeVoters(other(c, l, x, 4))), false));
        assertThat(count(c, JOINT_TO_JOINT)).as("uniform, joint, uniform").isZero();

        awaitDone(c, c.proposeMembership(l, Membership.joint(b, bAnd4, List.of())));
        assertThat(count(c, JOINT_TO_JOINT)).isZero();
        awaitDone(c, c.proposeMembership(l, Membership.joint(bAnd4, Set.of(l, 4), List.of())));

        assertThat(count(c, JOINT_TO_JOINT)).isEqualTo(1);
    }

    @Test
    void aNewLeaderWhileACallIsHeldBetweenItsStepsIsCountedAndOneAfterTheCallEndedIsNot() {
        Cluster c = cluster(5, 5);
        int l = c.leader();
        SimCall call = c.changeMembership(l, List.of(MembershipChange.removeVoters(other(c, l))), true);
        call.setHold(true);
        assertThat(c.runUntil(() -> call.phase() == MembershipCall.Phase.BETWEEN_STEPS, 300)).isTrue();
        c.crash(l, -1);
        awaitNewLeader(c, l);

        assertThat(count(c, LEADER_CHANGE_BETWEEN_STEPS)).isEqualTo(1);

        Cluster d = cluster(5, 5);
        int dl = d.leader();
        SimCall done = d.changeMembership(dl, List.of(MembershipChange.removeVoters(other(d, dl))), true);
        done.setHold(true);
        assertThat(d.runUntil(() -> done.phase() == MembershipCall.Phase.BETWEEN_STEPS, 300)).isTrue();
        done.setHold(false);
        awaitDone(d, done);
        d.crash(dl, -1);
        awaitNewLeader(d, dl);

        assertThat(count(d, LEADER_CHANGE_BETWEEN_STEPS)).isZero();
    }

    @Test
    void aYesOfAnOlderTermReachingALeaderIsCountedButNotANoNorAYesOfItsOwnTermNorOneToAFollower() {
        Cluster c = cluster(3, 3);
        int l = c.leader();
        int f = other(c, l);
        long t = c.node(l).currentTerm();

        c.deliverNow(new Message.RequestVoteResponse(t, f, l, true));
        c.deliverNow(new Message.RequestVoteResponse(t - 1, f, l, false));
        c.deliverNow(new Message.AppendEntriesResponse(t - 1, l, f, true, 1));
        assertThat(count(c, STALE_TERM_RESPONSE)).isZero();

        c.deliverNow(new Message.RequestVoteResponse(t - 1, f, l, true));
        c.deliverNow(new Message.AppendEntriesResponse(t - 1, f, l, true, 1));

        assertThat(count(c, STALE_TERM_RESPONSE)).isEqualTo(2);
        assertThat(c.node(l).role()).isEqualTo(Role.LEADER);
        assertThat(c.violation()).isNull();
    }

    @Test
    void aCopyHandedOverIsCountedOnlyWhenTheNetworkCopies() {
        Cluster copying = cluster(3, 3, new NetworkFaults(1, false, 0, 0.2));
        Cluster plain = cluster(3, 3);
        copying.run(50);
        plain.run(50);

        assertThat(count(copying, DUPLICATE_DELIVERED)).isPositive();
        assertThat(count(plain, DUPLICATE_DELIVERED)).isZero();
    }

    @Test
    void aNodeCrashedToRestartInPlaceKeepsItsObjectAndIsCountedARecoveredOneIsNot() {
        Cluster c = cluster(3, 3);
        int f = other(c, c.leader());
        RaftNode before = c.node(f);
        c.crash(f, 5, true);
        c.run(10);

        assertThat(c.status(f)).isEqualTo(NodeStatus.UP);
        assertThat(c.node(f)).isSameAs(before);
        assertThat(count(c, IN_PLACE_RESTART)).isEqualTo(1);

        c.crash(f, 5);
        c.run(10);
        assertThat(c.node(f)).isNotSameAs(before);
        assertThat(count(c, IN_PLACE_RESTART)).isEqualTo(1);
        assertThat(c.violation()).isNull();
    }

    @Test
    void aLeaderThatRemovesItselfStepsDownAndIsCountedRemovingAnotherIsNot() {
        Cluster c = cluster(3, 3);
        int l = c.leader();
        awaitDone(c, c.changeMembership(l, List.of(MembershipChange.removeVoters(other(c, l))), false));
        assertThat(count(c, REMOVED_LEADER_STEP_DOWN)).isZero();

        awaitDone(c, c.changeMembership(l, List.of(MembershipChange.removeVoters(l)), true));

        assertThat(count(c, REMOVED_LEADER_STEP_DOWN)).isEqualTo(1);
        assertThat(c.node(l).role()).isNotEqualTo(Role.LEADER);
    }

    @Test
    void aRunCountsTheSameTracedOrNot() {
        SimOptions o = Shape.CRASH_HEAVY.options(11);
        Coverage untraced = Simulator.run(o, null).coverage();
        Coverage traced = Simulator.run(o, event -> { }).coverage();

        assertThat(traced).isEqualTo(untraced);
        assertThat(untraced.reached(IN_PLACE_RESTART)).isTrue();
    }

    @Test
    void snapshotsTakenAreCountedAndANodeBackFromACrashBehindThemInstallsOneDiscardingItsLog() {
        Cluster c = cluster(3, 3);
        int l = c.leader();
        int f = other(c, l);
        c.crash(f, -1);
        for (int k = 0; k < 6; k++) {
            assertThat(c.write("set k" + (k % 2) + " v" + k)).isTrue();
            c.run(3);
        }
        c.run(10);
        for (int id = 1; id <= c.size(); id++) {
            if (id != f) {
                c.takeSnapshot(id);
            }
        }
        assertThat(count(c, SNAPSHOT_TAKEN)).isEqualTo(2);
        c.takeSnapshot(l); // nothing applied since: no snapshot, not counted
        assertThat(count(c, SNAPSHOT_TAKEN)).isEqualTo(2);
        assertThat(count(c, SNAPSHOT_INSTALLED)).isZero();
        long behind = c.node(f).lastLogIndex();

        c.restart(f);
        c.run(30);

        assertThat(c.node(f).snapshotIndex()).isGreaterThan(behind);
        assertThat(count(c, SNAPSHOT_INSTALLED)).isEqualTo(1);
        assertThat(count(c, INSTALL_DISCARDED_LOG)).isEqualTo(1);
        assertThat(count(c, INSTALL_KEPT_SUFFIX)).isZero();
        assertThat(count(c, INSTALL_DISCARDED_MEMBERSHIP)).isZero(); // its log held the bootstrap entry only
        assertThat(c.stateMachine(f).entries()).isEqualTo(c.stateMachine(l).entries()).containsEntry("k1", "v5");
        assertThat(c.violation()).isNull();
    }

    @Test
    void aSeededRunInstallsASnapshotWhoseLastEntryTheFollowerHeldAndKeepsTheEntriesAfterIt() {
        Coverage cov = Simulator.run(SimOptions.defaults(34), null).coverage();

        assertThat(cov.count(INSTALL_KEPT_SUFFIX)).isPositive();
        assertThat(cov.count(SNAPSHOT_INSTALLED)).isGreaterThanOrEqualTo(cov.count(INSTALL_KEPT_SUFFIX));
    }

    @Test
    void aSeededRunInstallsASnapshotThatDiscardsANewerMembershipEntry() {
        Coverage cov = Simulator.run(SimOptions.defaults(27), null).coverage();

        assertThat(cov.count(INSTALL_DISCARDED_MEMBERSHIP)).isPositive();
        assertThat(cov.count(INSTALL_DISCARDED_LOG)).isGreaterThanOrEqualTo(cov.count(INSTALL_DISCARDED_MEMBERSHIP));
    }

    @Test
    void aRunWithoutSnapshotsCountsNone() {
        Coverage cov = Simulator.run(SimOptions.defaults(27).withSnapshotRate(0), null).coverage();

        assertThat(cov.count(SNAPSHOT_TAKEN) + cov.count(SNAPSHOT_INSTALLED)).isZero();
    }
}
