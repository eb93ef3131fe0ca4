package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.jointraft.cluster.VirtualCluster;
import org.jointraft.core.Message.AppendEntries;
import org.jointraft.core.Message.AppendEntriesResponse;
import org.jointraft.core.Message.RequestVote;
import org.junit.jupiter.api.Test;

/** The steps one input reports follow the order of docs/protocol-contract.md, each with its post-state. */
class ContractOrderTest {

    private final RecordingObserver observer = new RecordingObserver();

    @Test
    void aSingleVoterReportsTimeoutBecomeLeaderAdvanceCommitIndex() {
        VirtualCluster c = observer.cluster(Membership.of(1));
        c.elect(1);
        assertThat(observer.namesOf(1, 0)).containsExactly("Timeout", "BecomeLeader", "AdvanceCommitIndex");
        List<RecordingObserver.Record> steps = observer.steps;
        assertThat(steps.get(0).post()).isEqualTo(
                new NodeState(1, 1, Role.CANDIDATE, 1, 1, 0, Membership.of(1), 1));
        assertThat(steps.get(1).step()).isEqualTo(new Step.BecomeLeader(2, Entry.blank(1)));
        assertThat(steps.get(1).post()).isEqualTo(new NodeState(1, 1, Role.LEADER, 1, 2, 1, Membership.of(1), 1));
        assertThat(steps.get(2).step()).isEqualTo(new Step.AdvanceCommitIndex(2));
        assertThat(steps.get(2).post().commitIndex()).isEqualTo(2);
    }

    @Test
    void aSingleVoterWithALearnerThenSendsAppendEntriesToTheLearner() {
        VirtualCluster c = observer.cluster(Membership.uniform(Set.of(1), Set.of(2)));
        c.elect(1);
        assertThat(observer.namesOf(1, 0).subList(0, 4))
                .containsExactly("Timeout", "BecomeLeader", "AdvanceCommitIndex", "SendAppendEntries");
    }

    @Test
    void aTimeoutIsFollowedByOneSendRequestVotePerOtherVoter() {
        VirtualCluster c = observer.cluster(Membership.uniform(Set.of(1, 2, 3), Set.of(4)));
        for (int t = 0; t < 30 && c.node(1).role() == Role.FOLLOWER; t++) {
            c.tick(1);
        }
        assertThat(observer.namesOf(1, 0)).containsExactly("Timeout", "SendRequestVote", "SendRequestVote");
        assertThat(observer.steps).extracting(r -> r.step() instanceof Step.SendRequestVote s ? s.msg() : null)
                .containsExactly(null, new RequestVote(1, 1, 2, 1, 0), new RequestVote(1, 1, 3, 1, 0));
    }

    @Test
    void theWinningVoteIsFollowedByBecomeLeaderAndAppendEntriesToEveryOtherMember() {
        VirtualCluster c = observer.cluster(Membership.uniform(Set.of(1, 2, 3), Set.of(4)));
        for (int t = 0; t < 30 && c.node(1).role() == Role.FOLLOWER; t++) {
            c.tick(1);
        }
        c.deliver(0); // node 2 handles the RequestVote
        int mark = observer.size();
        c.deliver(1); // node 1 handles node 2's grant
        assertThat(observer.namesOf(1, mark)).containsExactly("HandleRequestVoteResponse", "BecomeLeader",
                "SendAppendEntries", "SendAppendEntries", "SendAppendEntries");
        assertThat(c.inFlight()).filteredOn(m -> m instanceof AppendEntries).extracting(Message::dest)
                .containsExactly(2, 3, 4);
    }

    @Test
    void aLeaderReportsHandleResponseThenAdvanceCommitIndexThenSendAppendEntries() {
        VirtualCluster c = observer.cluster(Membership.of(1, 2, 3));
        c.elect(1);
        c.isolate(3);
        RaftNode leader = c.node(1);
        // two entries, then a response that covers only the first: the commit moves and the rest is sent
        c.handle(1, leader.propose("a").ready());
        c.handle(1, leader.propose("b").ready());
        c.dropIf(m -> true);
        int mark = observer.size();
        c.handle(1, leader.receive(new AppendEntriesResponse(1, 2, 1, true, 3)));
        assertThat(observer.namesOf(1, mark))
                .containsExactly("HandleAppendEntriesResponse", "AdvanceCommitIndex", "SendAppendEntries");
        assertThat(observer.steps.get(mark + 1).step()).isEqualTo(new Step.AdvanceCommitIndex(3));
        AppendEntries rest = (AppendEntries) c.inFlight().get(0);
        assertThat(rest.prevLogIndex()).isEqualTo(3);
        assertThat(rest.entries()).containsExactly(Entry.normal(1, "b"));
    }

    @Test
    void aFailedResponseBacksOffWithTheHintAndResendsAtOnce() {
        VirtualCluster c = observer.cluster(Membership.of(1, 2, 3));
        c.elect(1);
        RaftNode leader = c.node(1);
        for (int i = 0; i < 5; i++) {
            c.handle(1, leader.propose("e" + i).ready());
        }
        c.dropIf(m -> true);
        int mark = observer.size();
        c.handle(1, leader.receive(new AppendEntriesResponse(1, 3, 1, false, 1)));
        assertThat(observer.namesOf(1, mark)).containsExactly("HandleAppendEntriesResponse", "SendAppendEntries");
        assertThat(((AppendEntries) c.inFlight().get(0)).prevLogIndex()).isEqualTo(1);
    }

    @Test
    void handleStepsCarryTheMessageAndTheReplySent() {
        VirtualCluster c = observer.cluster(Membership.of(1, 2, 3));
        c.elect(1);
        List<RecordingObserver.Record> handled = observer.steps.stream()
                .filter(r -> r.node() == 2 && r.step() instanceof Step.HandleAppendEntries).toList();
        assertThat(handled).isNotEmpty();
        Step.HandleAppendEntries first = (Step.HandleAppendEntries) handled.get(0).step();
        assertThat(first.msg().dest()).isEqualTo(2);
        assertThat(first.reply()).isEqualTo(new AppendEntriesResponse(1, 2, 1, true, 2));
        assertThat(handled.get(0).post().lastLogIndex()).isEqualTo(2);
    }

    @Test
    void aProposedMembershipIsInThePostStateOfItsOwnStep() {
        VirtualCluster c = observer.cluster(Membership.of(1, 2, 3), 4);
        c.elect(1);
        Membership joint = Membership.joint(Set.of(1, 2, 3), Set.of(1, 2, 3, 4), Set.of());
        int mark = observer.size();
        c.node(1).proposeMembership(joint);
        RecordingObserver.Record proposed = observer.steps.get(mark);
        assertThat(proposed.step()).isEqualTo(new Step.ProposeMembership(3, Entry.member(1, joint), null));
        assertThat(proposed.post().membership()).isEqualTo(joint);
        assertThat(proposed.post().membershipIndex()).isEqualTo(3);
        assertThat(observer.namesOf(1, mark)).containsExactly("ProposeMembership", "SendAppendEntries",
                "SendAppendEntries", "SendAppendEntries");
    }

    @Test
    void restartReportsOneStepWithTheLostVolatileState() {
        VirtualCluster c = observer.cluster(Membership.of(1, 2, 3));
        c.elect(1);
        int mark = observer.size();
        c.node(1).restart();
        assertThat(observer.namesOf(1, mark)).containsExactly("Restart");
        assertThat(observer.steps.get(mark).post())
                .isEqualTo(new NodeState(1, 1, Role.FOLLOWER, 0, 2, 1, Membership.of(1, 2, 3), 1));
    }
}
