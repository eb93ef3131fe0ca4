package org.jointraft.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipChange;
import org.jointraft.core.Message;
import org.jointraft.core.Role;
import org.jointraft.core.StepObserver;
import org.junit.jupiter.api.Test;

class VirtualClusterTest {

    private static final Membership THREE = Membership.of(1, 2, 3);

    /** Writes down what the cluster reports, one line each. */
    private static final class Log implements ClusterListener, StepObserver {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onStep(int node, org.jointraft.core.Step step, org.jointraft.core.NodeState post) {
            lines.add(node + " " + step.getClass().getSimpleName());
        }

        @Override
        public void onDrop(Message m) {
            lines.add("drop " + m.source() + "->" + m.dest());
        }

        @Override
        public void onDuplicate(Message m) {
            lines.add("duplicate " + m.source() + "->" + m.dest());
        }

        @Override
        public void onStatus(int node, NodeStatus status, String why) {
            lines.add(status + ": " + why);
        }
    }

    private final Log log = new Log();

    private VirtualCluster.Builder builder(Membership bootstrap) {
        return VirtualCluster.builder(bootstrap).observer(log).listener(log);
    }

    @Test
    void anInstantNetworkElectsALeaderInOneTickOnceItsTimeoutFires() {
        VirtualCluster c = builder(THREE).build();
        assertThat(c.size()).isEqualTo(3);
        c.elect(2);
        assertThat(c.leader()).isEqualTo(2);
        assertThat(c.node(2).commitIndex()).isEqualTo(2);
        assertThat(c.inFlight()).isEmpty();
        assertThat(c.now()).as("elect ticks one node; the cluster's time does not move").isZero();
    }

    @Test
    void aNodeThatCrashesBeforeItsSyncLosesTheWritesSendsNothingAndReportsNoStep() {
        // node 3 crashes after writing its vote for node 1 (term 1) and before syncing it
        VirtualCluster c = builder(THREE).build();
        c.syncFaults((node, ready) -> node == 3 && ready.hardStateChanged() ? 4 : -1);
        c.elect(1);

        assertThat(log.lines).contains("2 HandleRequestVote", "drop 1->3",
                "CRASHED: node 3 crashed between the write and the sync of its output");
        assertThat(log.lines).doesNotContain("3 HandleRequestVote");
        assertThat(c.status(3)).isEqualTo(NodeStatus.CRASHED);
        assertThat(c.durableState(3)).isEqualTo(new DurableState(0, 0, c.node(3).log().subList(0, 1)));
        assertThat(c.leader()).as("node 2's vote alone makes the quorum").isEqualTo(1);
        c.run(5);
        assertThat(c.status(3)).isEqualTo(NodeStatus.UP);
        assertThat(c.node(3).currentTerm()).as("recovered from the disk, not in place").isLessThanOrEqualTo(1);
    }

    @Test
    void sameSettingsGiveTheSameRun() {
        List<List<String>> runs = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Log each = new Log();
            VirtualCluster c = VirtualCluster.builder(THREE).seed(7).network(Network.delayed(2)).observer(each)
                    .listener(each).build();
            c.run(60);
            c.propose(c.leader(), "x");
            c.run(10);
            runs.add(each.lines);
        }
        assertThat(runs.get(0)).anyMatch(line -> line.endsWith("ClientRequest")).isEqualTo(runs.get(1));
    }

    @Test
    void messagesArriveInArrivalTickThenSendOrder() {
        VirtualCluster c = builder(THREE).network(new Network() {
            @Override
            public long arrival(Message m, long now) {
                return now + (m.dest() == 2 ? 5 : 1); // the RequestVote to 2 overtakes nothing but arrives last
            }

            @Override
            public Fate fate(Message m) {
                return Fate.DELIVER;
            }
        }).build();
        c.elect(1);
        assertThat(log.lines).containsSubsequence("3 HandleRequestVote", "1 HandleRequestVoteResponse",
                "1 BecomeLeader", "2 HandleRequestVote");
    }

    @Test
    void thePolicyIsAskedForEveryDueMessageEvenOverACutLink() {
        List<String> asked = new ArrayList<>();
        VirtualCluster c = builder(THREE).network(new Network() {
            @Override
            public long arrival(Message m, long now) {
                return now;
            }

            @Override
            public Fate fate(Message m) {
                asked.add(m.source() + "->" + m.dest());
                return asked.size() == 2 ? Fate.DUPLICATE : Fate.DELIVER;
            }
        }).build();
        c.cutOneWay(1, 2);
        c.elect(1);
        assertThat(asked).startsWith("1->2", "1->3");
        assertThat(log.lines).containsSubsequence("drop 1->2", "duplicate 1->3", "3 HandleRequestVote",
                "3 HandleRequestVote");
        assertThat(c.leader()).isEqualTo(1);
    }

    @Test
    void aPartitionCutsOnlyTheLinksAcrossItsSidesUntilHealed() {
        VirtualCluster c = builder(Membership.of(1, 2, 3, 4, 5)).build();
        c.partition(List.of(1, 2));
        assertThat(c.isCut(1, 3)).isTrue();
        assertThat(c.isCut(3, 1)).isTrue();
        assertThat(c.isCut(1, 2)).isFalse();
        assertThat(c.isCut(3, 4)).isFalse();
        c.elect(1);
        assertThat(c.node(1).role()).as("two of five votes").isEqualTo(Role.CANDIDATE);
        c.elect(3);
        assertThat(c.leader()).isEqualTo(3);
        c.heal();
        assertThat(c.partitioned()).isFalse();
        c.run(30);
        assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.node(1).currentTerm()).isEqualTo(c.node(3).currentTerm());
    }

    @Test
    void aCrashedNodeLosesWhatItHeldInMemoryAndRestartsFromWhatItPersisted() {
        VirtualCluster c = builder(THREE).build();
        c.elect(1);
        c.propose(1, "x");
        c.deliverAll();
        DurableState before = c.durableState(2);
        assertThat(before.log()).hasSize(3);
        c.crash(2, 5);
        assertThat(c.status(2)).isEqualTo(NodeStatus.CRASHED);
        c.propose(1, "lost on 2");
        c.deliverAll();
        assertThat(log.lines).contains("drop 1->2");
        c.run(4);
        assertThat(c.status(2)).isEqualTo(NodeStatus.CRASHED);
        c.run(1);
        assertThat(c.status(2)).isEqualTo(NodeStatus.UP);
        assertThat(log.lines).containsSubsequence("CRASHED: node 2 crashed", "2 Restart", "UP: node 2 restarted");
        assertThat(c.node(2).log()).startsWith(before.log().toArray(new org.jointraft.core.Entry[0]));
        assertThat(c.node(2).currentTerm()).isEqualTo(before.term());
    }

    @Test
    void withStopRemovedNodesARemovedNodeIsStoppedAndStartedAgainWhenAddedBack() {
        VirtualCluster c = builder(THREE).stopRemovedNodes(true).build();
        c.elect(1);
        ClusterCall remove = c.changeMembership(1, List.of(MembershipChange.removeVoters(1)), false);
        ClusterCall waiting = c.changeMembership(1, List.of(MembershipChange.removeVoters(3)), false);
        c.drive(remove, 50);
        assertThat(c.status(1)).isEqualTo(NodeStatus.STOPPED);
        assertThat(waiting.isDone()).isTrue();
        assertThat(waiting.abandoned()).isEqualTo("node_stopped");
        assertThat(waiting.outcome()).isNull();
        c.await("a new leader", () -> c.leader() != 0, 100);
        c.drive(c.changeMembership(c.leader(), List.of(MembershipChange.addVoters(1)), false), 50);
        assertThat(c.status(1)).isEqualTo(NodeStatus.UP);
        assertThat(log.lines).containsSubsequence("STOPPED: node 1 stopped: removed by call 1", "1 Restart",
                "UP: node 1 restarted");
    }

    @Test
    void aHeldCallWaitsBetweenItsStepsUntilReleased() {
        VirtualCluster c = builder(Membership.of(1)).nodes(2).build();
        c.elect(1);
        ClusterCall add = c.changeMembership(1, List.of(MembershipChange.addVoters(2)), false);
        add.setHold(true);
        c.run(20);
        assertThat(add.phase()).isEqualTo(org.jointraft.core.MembershipCall.Phase.BETWEEN_STEPS);
        assertThat(c.node(1).effectiveMembership().isJoint()).isTrue();
        add.setHold(false);
        assertThat(c.drive(add, 20).membership()).isEqualTo(Membership.of(1, 2));
        assertThat(add.startTick()).isZero();
        assertThat(add.endTick()).isPositive();
    }

    @Test
    void aNodeErrorGoesToTheListenerWhichMayHaltTheCluster() {
        VirtualCluster plain = builder(THREE).build();
        plain.elect(1);
        Message secondLeader = new Message.AppendEntries(1, 2, 1, 0, 0, List.of(), 0);
        assertThatThrownBy(() -> plain.deliverNow(secondLeader)).isInstanceOf(IllegalStateException.class);

        List<String> errors = new ArrayList<>();
        VirtualCluster[] holder = new VirtualCluster[1];
        VirtualCluster c = VirtualCluster.builder(THREE).listener(new ClusterListener() {
            @Override
            public void onNodeError(int node, String what, RuntimeException cause) {
                errors.add(what);
                holder[0].halt();
            }
        }).build();
        holder[0] = c;
        c.elect(1);
        c.deliverNow(secondLeader);
        assertThat(errors).singleElement().asString().startsWith("node 1 threw java.lang.IllegalStateException");
        long frozen = c.now();
        c.run(10);
        c.crash(2, -1);
        assertThat(c.now()).isEqualTo(frozen);
        assertThat(c.status(2)).isEqualTo(NodeStatus.UP);
        assertThatThrownBy(() -> c.await("a tick", () -> false, 3)).hasMessageContaining("halted");
    }
}
