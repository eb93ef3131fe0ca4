package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.jointraft.cluster.VirtualCluster;
import org.jointraft.core.Message.AppendEntries;
import org.jointraft.core.Message.AppendEntriesResponse;
import org.jointraft.core.Message.RequestVote;
import org.jointraft.core.Message.RequestVoteResponse;
import org.junit.jupiter.api.Test;

class RaftNodeTest {

    private final RecordingObserver observer = new RecordingObserver();

    private static final Membership THREE = Membership.of(1, 2, 3);

    private static RaftNode node(int id, Membership bootstrap, StepObserver observer) {
        return new RaftNode(NodeConfig.of(id, bootstrap, id), observer);
    }

    @Test
    void bootstrapMembersStartWithTheCommittedBootstrapEntryAndOthersEmpty() {
        RaftNode member = node(1, Membership.uniform(Set.of(1), Set.of(2)), StepObserver.NONE);
        RaftNode learner = node(2, Membership.uniform(Set.of(1), Set.of(2)), StepObserver.NONE);
        RaftNode outsider = node(3, Membership.uniform(Set.of(1), Set.of(2)), StepObserver.NONE);
        assertThat(member.log()).containsExactly(Entry.member(0, Membership.uniform(Set.of(1), Set.of(2))));
        assertThat(member.commitIndex()).isEqualTo(1);
        assertThat(learner.commitIndex()).isEqualTo(1);
        assertThat(outsider.log()).isEmpty();
        assertThat(outsider.commitIndex()).isZero();
        assertThat(outsider.effectiveMembershipIndex()).isZero();
        assertThat(outsider.currentTerm()).isZero();
        assertThat(outsider.votedFor()).isZero();
    }

    @Test
    void electionTimeoutsAreDrawnFromTheSeedSoTwoNodesWithOneSeedTimeOutTogether() {
        RaftNode a = node(1, THREE, StepObserver.NONE);
        RaftNode b = new RaftNode(NodeConfig.of(1, THREE, 1), StepObserver.NONE);
        int ticksA = 0;
        while (a.role() == Role.FOLLOWER) {
            a.tick();
            ticksA++;
        }
        int ticksB = 0;
        while (b.role() == Role.FOLLOWER) {
            b.tick();
            ticksB++;
        }
        assertThat(ticksA).isEqualTo(ticksB).isBetween(10, 20);
    }

    @Test
    void aThreeNodeClusterElectsTheFirstNodeToTimeOutAndCommitsItsBlankEntry() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        assertThat(c.node(1).role()).isEqualTo(Role.LEADER);
        assertThat(c.node(1).currentTerm()).isEqualTo(1);
        assertThat(c.node(1).entry(2)).isEqualTo(Entry.blank(1));
        assertThat(c.node(1).commitIndex()).isEqualTo(2);
        assertThat(c.node(2).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.node(2).votedFor()).isEqualTo(1);
        assertThat(c.node(2).leaderHint()).isEqualTo(1);
    }

    @Test
    void splitVotesElectNobodyInThatTermAndALaterTermElectsExactlyOne() {
        // equal fixed timeouts make all four voters time out on the same tick and vote for themselves
        VirtualCluster c = observer.builder(Membership.of(1, 2, 3, 4)).electionTimeout(10, 10).build();
        for (int t = 0; t < 10; t++) {
            for (int id = 1; id <= 4; id++) {
                c.tick(id);
            }
        }
        assertThat(c.nodes()).allMatch(n -> n.role() == Role.CANDIDATE && n.currentTerm() == 1);
        c.deliverAll();
        assertThat(c.nodes()).noneMatch(n -> n.role() == Role.LEADER);
        // a randomized timeout breaks the tie: one node times out first in term 2
        c.elect(3);
        assertThat(c.leader()).isEqualTo(3);
        assertThat(c.node(c.leader()).currentTerm()).isEqualTo(2);
        assertThat(observer.leadersElected()).isEqualTo(1);
    }

    @Test
    void aClientRequestIsReplicatedAndCommittedOnAQuorumOnly() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        c.isolate(3);
        Proposal p = c.node(1).propose("x");
        c.handle(1, p.ready());
        assertThat(p.accepted()).isTrue();
        assertThat(p.index()).isEqualTo(3);
        c.deliverAll();
        assertThat(c.node(1).commitIndex()).isEqualTo(3);
        assertThat(observer.committedAt(3)).isEqualTo(Entry.normal(1, "x"));
        assertThat(c.node(3).lastLogIndex()).isEqualTo(2);
    }

    @Test
    void aFollowerRejectsClientRequestsWithALeaderHint() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        Proposal p = c.node(2).propose("x");
        assertThat(p.accepted()).isFalse();
        assertThat(p.rejected()).isEqualTo(RejectReason.NOT_LEADER);
        assertThat(p.leaderHint()).isEqualTo(1);
        assertThat(c.node(2).lastLogIndex()).isEqualTo(2);
    }

    @Test
    void aNewLeaderRepairsAFollowersConflictingSuffix() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        // node 1 appends two entries that reach nobody
        c.isolate(1);
        c.handle(1, c.node(1).propose("lost-a").ready());
        c.handle(1, c.node(1).propose("lost-b").ready());
        c.deliverAll();
        c.elect(2);
        assertThat(c.leader()).isEqualTo(2);
        c.handle(2, c.node(2).propose("kept").ready());
        c.deliverAll();
        c.heal();
        c.await("node 1's log repaired",
                () -> c.node(1).log().equals(c.node(2).log()) && c.node(1).commitIndex() == 4, 50);
        assertThat(c.node(1).entry(3).term()).isEqualTo(2);
        assertThat(c.node(1).entry(4)).isEqualTo(Entry.normal(2, "kept"));
        assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
    }

    @Test
    void aLaggingFollowerIsCaughtUpInBatchesUsingTheMatchIndexHint() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        c.isolate(3);
        for (int i = 0; i < 150; i++) {
            c.handle(1, c.node(1).propose("e" + i).ready());
        }
        c.deliverAll();
        c.heal();
        c.await("node 3 caught up", () -> c.node(3).lastLogIndex() == 152 && c.node(3).commitIndex() == 152,
                20);
        assertThat(c.node(3).log()).isEqualTo(c.node(1).log());
        long batchesTo3 = observer.delivered.stream()
                .filter(m -> m instanceof AppendEntries a && a.dest() == 3 && !a.entries().isEmpty()).count();
        assertThat(batchesTo3).isBetween(3L, 6L);
    }

    @Test
    void handleAppendEntriesNeverDropsMatchingEntriesOnAStaleShorterMessage() {
        RaftNode follower = node(3, THREE, StepObserver.NONE);
        Entry blank = Entry.blank(1);
        Entry x = Entry.normal(1, "x");
        follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(blank, x), 1));
        assertThat(follower.lastLogIndex()).isEqualTo(3);
        Ready ready = follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(blank), 1));
        assertThat(follower.lastLogIndex()).isEqualTo(3);
        assertThat(ready.persistLogFrom()).isZero();
        assertThat(ready.messages()).containsExactly(new AppendEntriesResponse(1, 3, 1, true, 2));
    }

    @Test
    void handleAppendEntriesRejectsAGapWithTheLogLengthAsHint() {
        RaftNode follower = node(3, THREE, StepObserver.NONE);
        Ready ready = follower.receive(new AppendEntries(1, 1, 3, 5, 1, List.of(), 1));
        assertThat(ready.messages()).containsExactly(new AppendEntriesResponse(1, 3, 1, false, 1));
        assertThat(follower.currentTerm()).isEqualTo(1);
        assertThat(ready.hardStateChanged()).isTrue();
    }

    @Test
    void handleAppendEntriesOfAnOlderTermIsRefusedWithMatchIndexZero() {
        RaftNode follower = node(3, THREE, StepObserver.NONE);
        follower.receive(new RequestVote(4, 2, 3, 1, 0));
        Ready ready = follower.receive(new AppendEntries(2, 1, 3, 1, 0, List.of(Entry.blank(2)), 2));
        assertThat(ready.messages()).containsExactly(new AppendEntriesResponse(4, 3, 1, false, 0));
        assertThat(follower.lastLogIndex()).isEqualTo(1);
    }

    @Test
    void theFollowersCommitIndexIsCappedByTheLastNewEntry() {
        RaftNode follower = node(3, THREE, StepObserver.NONE);
        follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(Entry.blank(1)), 9));
        assertThat(follower.commitIndex()).isEqualTo(2);
    }

    @Test
    void truncatingAConflictingSuffixRevertsTheEffectiveMembership() {
        RaftNode follower = node(3, THREE, StepObserver.NONE);
        Membership joint = Membership.joint(Set.of(1, 2, 3), Set.of(1, 2), Set.of());
        follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(Entry.blank(1), Entry.member(1, joint)), 1));
        assertThat(follower.effectiveMembership()).isEqualTo(joint);
        assertThat(follower.effectiveMembershipIndex()).isEqualTo(3);
        assertThat(follower.committedMembershipIndex()).isEqualTo(1);
        Ready ready = follower.receive(new AppendEntries(2, 2, 3, 1, 0, List.of(Entry.blank(2)), 1));
        assertThat(follower.lastLogIndex()).isEqualTo(2);
        assertThat(follower.effectiveMembership()).isEqualTo(THREE);
        assertThat(follower.effectiveMembershipIndex()).isEqualTo(1);
        assertThat(ready.persistLogFrom()).isEqualTo(2);
        assertThat(ready.persistEntries()).containsExactly(Entry.blank(2));
    }

    @Test
    void aVoteIsGrantedOncePerTermAndOnlyToAnUpToDateLog() {
        RaftNode voter = node(3, THREE, StepObserver.NONE);
        voter.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(Entry.blank(1)), 2));
        voter.restart(); // a node that knows no live leader answers vote requests of higher terms
        Ready stale = voter.receive(new RequestVote(2, 2, 3, 1, 0));
        assertThat(stale.messages()).containsExactly(new RequestVoteResponse(2, 3, 2, false));
        Ready fresh = voter.receive(new RequestVote(2, 1, 3, 2, 1));
        assertThat(fresh.messages()).containsExactly(new RequestVoteResponse(2, 3, 1, true));
        Ready second = voter.receive(new RequestVote(2, 2, 3, 5, 1));
        assertThat(second.messages()).containsExactly(new RequestVoteResponse(2, 3, 2, false));
        assertThat(voter.votedFor()).isEqualTo(1);
    }

    @Test
    void aHigherTermResponseTurnsALeaderIntoAFollowerWithoutAVote() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        Ready ready = c.node(1).receive(new AppendEntriesResponse(5, 2, 1, false, 0));
        assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.node(1).currentTerm()).isEqualTo(5);
        assertThat(c.node(1).votedFor()).isZero();
        assertThat(ready.roleChanges()).containsExactly(Role.FOLLOWER);
    }

    @Test
    void aNodeRejectsAMessageAddressedToAnotherNode() {
        RaftNode n = node(1, THREE, StepObserver.NONE);
        assertThatThrownBy(() -> n.receive(new RequestVote(1, 2, 3, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message for node 3");
    }

    @Test
    void restartKeepsTermVoteAndLogAndLosesTheCommitIndex() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        c.handle(1, c.node(1).propose("x").ready());
        c.deliverAll();
        Ready ready = c.node(1).restart();
        assertThat(ready.roleChanges()).containsExactly(Role.FOLLOWER);
        assertThat(c.node(1).commitIndex()).isZero();
        assertThat(c.node(1).currentTerm()).isEqualTo(1);
        assertThat(c.node(1).votedFor()).isEqualTo(1);
        assertThat(c.node(1).lastLogIndex()).isEqualTo(3);
        c.await("re-election and commit learnt again", () -> c.leader() != 0
                && c.node(1).commitIndex() == c.node(c.leader()).commitIndex()
                && c.node(c.leader()).commitIndex() >= 4, 100);
    }

    @Test
    void recoverRebuildsANodeFromItsDurableStateAndReportsRestart() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        c.handle(1, c.node(1).propose("x").ready());
        c.deliverAll();
        DurableState durable = c.node(2).durableState();
        RecordingObserver observer = new RecordingObserver();
        RaftNode recovered = RaftNode.recover(c.node(2).config(), durable, observer);
        assertThat(recovered.log()).isEqualTo(c.node(2).log());
        assertThat(recovered.currentTerm()).isEqualTo(1);
        assertThat(recovered.votedFor()).isEqualTo(1);
        assertThat(recovered.commitIndex()).isZero();
        assertThat(recovered.role()).isEqualTo(Role.FOLLOWER);
        assertThat(observer.namesOf(2, 0)).containsExactly("Restart");
        assertThat(observer.steps.get(0).post().lastLogIndex()).isEqualTo(3);
    }

    @Test
    void theReadyTellsWhatToPersistBeforeSending() {
        RaftNode n = node(1, Membership.of(1), StepObserver.NONE);
        Ready ready = n.tick();
        for (int t = 0; t < 30 && ready.roleChanges().isEmpty(); t++) {
            ready = n.tick();
        }
        assertThat(ready.hardStateChanged()).isTrue();
        assertThat(ready.term()).isEqualTo(1);
        assertThat(ready.votedFor()).isEqualTo(1);
        assertThat(ready.persistLogFrom()).isEqualTo(2);
        assertThat(ready.persistEntries()).containsExactly(Entry.blank(1));
        assertThat(ready.firstCommittedIndex()).isEqualTo(2);
        assertThat(ready.committed()).containsExactly(Entry.blank(1));
        assertThat(ready.roleChanges()).containsExactly(Role.CANDIDATE, Role.LEADER);
    }

    @Test
    void aSilentObserverAndARecordingOneSeeTheSameBehaviour() {
        VirtualCluster recorded = observer.cluster(THREE);
        recorded.elect(1);
        RaftNode silent = new RaftNode(recorded.node(1).config(), StepObserver.NONE);
        RaftNode loud = new RaftNode(recorded.node(1).config(), new RecordingObserver());
        for (int t = 0; t < 25; t++) {
            assertThat(silent.tick()).isEqualTo(loud.tick());
        }
        assertThat(silent.state()).isEqualTo(loud.state());
    }

    @Test
    void aLeaderCommitsAnEntryOfAnEarlierTermOnlyThroughAnEntryOfItsOwnTerm() {
        RaftNode n = node(1, THREE, StepObserver.NONE);
        n.receive(new AppendEntries(1, 2, 1, 1, 0, List.of(Entry.blank(1), Entry.normal(1, "x")), 1));
        while (n.role() != Role.CANDIDATE) {
            n.tick();
        }
        n.receive(new RequestVoteResponse(2, 2, 1, true));
        assertThat(n.role()).isEqualTo(Role.LEADER);
        assertThat(n.lastLogIndex()).isEqualTo(4);
        n.receive(new AppendEntriesResponse(2, 3, 1, true, 3));
        assertThat(n.commitIndex()).as("entry 3 of term 1 is on a quorum but not of the current term").isEqualTo(1);
        Ready ready = n.receive(new AppendEntriesResponse(2, 3, 1, true, 4));
        assertThat(n.commitIndex()).isEqualTo(4);
        assertThat(ready.firstCommittedIndex()).isEqualTo(2);
        assertThat(ready.committed()).hasSize(3);
    }

    @Test
    void anObserverThatFeedsTheNodeAnInputWhileItHandlesOneIsStopped() {
        RaftNode[] holder = new RaftNode[1];
        holder[0] = node(1, Membership.of(1), (id, step, post) -> holder[0].tick());
        assertThatThrownBy(() -> {
            while (true) {
                holder[0].tick();
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("node 1 was re-entered while handling an input");
    }

    @Test
    void theLogRefusesIndicesOutsideItself() {
        RaftNode n = node(1, THREE, StepObserver.NONE);
        assertThat(n.termAt(0)).isZero();
        assertThatThrownBy(() -> n.entry(0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("log index 0 is outside 1..1");
        assertThatThrownBy(() -> n.entry(2)).hasMessage("log index 2 is outside 1..1");
    }

    @Test
    void aNodeDescribesItselfByRoleTermCommitLastIndexAndMembership() {
        RaftNode n = node(2, THREE, StepObserver.NONE);
        n.receive(new AppendEntries(1, 1, 2, 1, 0, List.of(Entry.blank(1)), 2));
        assertThat(n).hasToString("node 2 FOLLOWER term 1 commit 2 last 2 membership {1,2,3}@1");
    }
}
