package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jointraft.core.MembershipChange.addLearners;
import static org.jointraft.core.MembershipChange.addVoters;
import static org.jointraft.core.MembershipChange.removeVoters;

import java.util.List;
import java.util.Set;

import org.jointraft.cluster.ClusterCall;
import org.jointraft.cluster.VirtualCluster;
import org.jointraft.core.Message.AppendEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The membership rules of docs/membership.md, driven through RaftNode and MembershipCall on an in-memory network. */
class MembershipChangeScenariosTest {

    private final RecordingObserver observer = new RecordingObserver();

    private static final Membership THREE = Membership.of(1, 2, 3);

    private static List<Membership> memberEntries(RaftNode node) {
        return node.log().stream().filter(e -> e.kind() == EntryKind.MEMBER).map(Entry::membership).toList();
    }

    @ParameterizedTest(name = "retain {0}")
    @ValueSource(booleans = {false, true})
    void theSeedsInterleavingLeavesAJointMembershipAndBothCallsSucceed(boolean retain) {
        // y = 1, x = 2
        VirtualCluster c = observer.cluster(Membership.of(1), 2);
        c.elect(1);
        RaftNode leader = c.node(1);
        ClusterCall task1 = c.changeMembership(1, List.of(addVoters(2)), retain);
        task1.setHold(true);
        c.await("task 1 step 1 committed", () -> task1.phase() == MembershipCall.Phase.BETWEEN_STEPS, 50);
        assertThat(leader.committedMembership()).hasToString("[{1},{1,2}]");

        Membership afterTask2 = retain ? Membership.uniform(Set.of(1), Set.of(2)) : Membership.of(1);
        ClusterCall task2 = c.changeMembership(1, List.of(removeVoters(2)), retain);
        assertThat(c.drive(task2, 50).membership()).isEqualTo(afterTask2);
        task1.setHold(false);
        assertThat(c.drive(task1, 50).membership()).hasToString("[{1},{1,2}]");

        assertThat(task1.outcome().ok()).isTrue();
        assertThat(task2.outcome().ok()).isTrue();
        assertThat(leader.effectiveMembership()).hasToString("[{1},{1,2}]");
        assertThat(memberEntries(leader)).extracting(Membership::toString)
                .containsExactly("{1}", "[{1},{1,2}]", "[{1,2},{1}]", afterTask2.toString(), "[{1},{1,2}]");
        assertThat(observer.calls).extracting(e -> e.getClass().getSimpleName() + " " + e.call())
                .containsExactly("Start 1", "Start 2", "End 2", "End 1");
    }

    @Test
    void aLearnerCatchesUpWithoutCountingAndIsThenPromoted() {
        VirtualCluster c = observer.cluster(Membership.of(1, 2), 3);
        c.elect(1);
        for (int i = 0; i < 20; i++) {
            c.handle(1, c.node(1).propose("e" + i).ready());
        }
        c.deliverAll();
        CallOutcome learner = c.drive(c.changeMembership(1, List.of(addLearners(3)), false), 50);
        assertThat(learner.membership()).isEqualTo(Membership.uniform(Set.of(1, 2), Set.of(3)));
        c.await("learner caught up", () -> c.node(3).log().equals(c.node(1).log()), 20);

        // with voter 2 cut off, the learner's acknowledgement does not commit anything
        c.isolate(2);
        long commit = c.node(1).commitIndex();
        c.handle(1, c.node(1).propose("needs-2").ready());
        c.deliverAll();
        assertThat(c.node(3).lastLogIndex()).isEqualTo(commit + 1);
        assertThat(c.node(1).commitIndex()).isEqualTo(commit);
        // and a learner never campaigns
        for (int t = 0; t < 100; t++) {
            c.tick(3);
        }
        assertThat(c.node(3).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.node(3).currentTerm()).isEqualTo(1);
        c.heal();

        CallOutcome promoted = c.drive(c.changeMembership(1, List.of(addVoters(3)), false), 50);
        assertThat(promoted.membership()).isEqualTo(Membership.of(1, 2, 3));
        assertThat(memberEntries(c.node(1))).extracting(Membership::toString)
                .containsExactly("{1,2}", "{1,2} learners {3}", "[{1,2},{1,2,3}]", "{1,2,3}");
    }

    @Test
    void aRemovedLeaderStepsDownRightAfterTheFinalEntryCommits() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        CallOutcome outcome = c.drive(c.changeMembership(1, List.of(removeVoters(1)), false), 50);
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.membership()).isEqualTo(Membership.of(2, 3));
        assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.node(1).committedMembership()).isEqualTo(Membership.of(2, 3));
        // the step that committed {2,3} ends with StepDown and sends nothing after it
        List<String> names = observer.namesOf(1, 0);
        int stepDown = names.lastIndexOf("StepDown");
        assertThat(names.subList(stepDown - 2, names.size()))
                .containsExactly("HandleAppendEntriesResponse", "AdvanceCommitIndex", "StepDown");
        // the rest elect a leader among themselves; node 1 is no voter any more and never campaigns
        c.await("a leader among {2,3}", () -> c.leader() != 0, 100);
        assertThat(c.leader()).isIn(2, 3);
        assertThat(c.node(1).currentTerm()).isLessThanOrEqualTo(c.node(c.leader()).currentTerm());
        assertThat(observer.namesOf(1, 0)).containsOnlyOnce("Timeout");
    }

    @Test
    void retainTrueKeepsARemovedVoterAsALearnerThatStillReceivesEntries() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        CallOutcome outcome = c.drive(c.changeMembership(1, List.of(removeVoters(3)), true), 50);
        assertThat(outcome.membership()).isEqualTo(Membership.uniform(Set.of(1, 2), Set.of(3)));
        c.handle(1, c.node(1).propose("after").ready());
        c.await("learner 3 receives later entries", () -> c.node(3).log().equals(c.node(1).log()), 20);
        assertThat(c.node(3).effectiveMembership().isLearner(3)).isTrue();
    }

    @Test
    void retainFalseLetsARemovedVoterLeaveAndReceiveNoLaterEntries() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        CallOutcome outcome = c.drive(c.changeMembership(1, List.of(removeVoters(3)), false), 50);
        assertThat(outcome.membership()).isEqualTo(Membership.of(1, 2));
        int deliveredBefore = observer.delivered.size();
        long lastOf3 = c.node(3).lastLogIndex();
        c.crash(3, -1); // a removed node is shut down; it would only campaign with a stale log
        c.handle(1, c.node(1).propose("after").ready());
        c.await("node 2 receives later entries", () -> c.node(2).log().equals(c.node(1).log()), 20);
        assertThat(observer.delivered.subList(deliveredBefore, observer.delivered.size()))
                .noneMatch(m -> m.dest() == 3);
        assertThat(c.inFlight()).noneMatch(m -> m.dest() == 3);
        assertThat(c.node(3).lastLogIndex()).isEqualTo(lastOf3);
    }

    @Test
    void aSecondProposalWhileOneIsUncommittedIsRejectedAsInProgressAndChangesNothing() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        Membership joint = Membership.joint(Set.of(1, 2, 3), Set.of(1, 2), Set.of());
        Proposal first = c.node(1).proposeMembership(joint);
        assertThat(first.accepted()).isTrue();
        long last = c.node(1).lastLogIndex();
        int steps = observer.size();
        Proposal second = c.node(1).proposeMembership(Membership.of(1, 2));
        assertThat(second.rejected()).isEqualTo(RejectReason.IN_PROGRESS);
        assertThat(second.ready().isEmpty()).isTrue();
        assertThat(c.node(1).lastLogIndex()).isEqualTo(last);
        assertThat(c.node(1).effectiveMembership()).isEqualTo(joint);
        assertThat(observer.steps.subList(steps, observer.size())).singleElement()
                .satisfies(r -> assertThat(r.step()).isEqualTo(
                        new Step.ProposeMembershipRejected(RejectReason.IN_PROGRESS, Membership.of(1, 2), null)));
    }

    @Test
    void aNewLeaderRefusesMembershipChangesUntilItsBlankEntryCommits() {
        VirtualCluster d = observer.cluster(THREE);
        for (int t = 0; t < 30 && d.node(1).role() != Role.CANDIDATE; t++) {
            d.tick(1);
        }
        // deliver only until the votes are in: the blank entry is not acknowledged yet
        while (d.node(1).role() != Role.LEADER) {
            d.deliver(0);
        }
        assertThat(d.node(1).commitIndex()).isEqualTo(1);
        Proposal early = d.node(1).proposeMembership(Membership.joint(Set.of(1, 2, 3), Set.of(1, 2), Set.of()));
        assertThat(early.rejected()).isEqualTo(RejectReason.IN_PROGRESS);
        d.deliverAll();
        assertThat(d.node(1).commitIndex()).isEqualTo(2);
        assertThat(d.node(1).proposeMembership(Membership.joint(Set.of(1, 2, 3), Set.of(1, 2), Set.of())).accepted())
                .isTrue();
    }

    @Test
    void incoherentTargetsAndFollowersAreRefusedWithTheirReason() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        assertThat(c.node(1).proposeMembership(Membership.of(4, 5)).rejected()).isEqualTo(RejectReason.INCOHERENT);
        Proposal follower = c.node(2).proposeMembership(Membership.of(1, 2));
        assertThat(follower.rejected()).isEqualTo(RejectReason.NOT_LEADER);
        assertThat(follower.leaderHint()).isEqualTo(1);
        // the pivot of docs/membership.md: [{1,2,3},{2,3,4}] -> [{1,2,3},{2,3,5}] -> {2,3,5} is coherent step by step
        VirtualCluster p = new RecordingObserver().cluster(THREE, 5);
        p.elect(1);
        for (Membership target : List.of(Membership.joint(Set.of(1, 2, 3), Set.of(2, 3, 4), Set.of()),
                Membership.joint(Set.of(1, 2, 3), Set.of(2, 3, 5), Set.of()), Membership.of(2, 3, 5))) {
            CallOutcome outcome = p.drive(p.proposeMembership(1, target), 50);
            assertThat(outcome.ok()).as("pivot to %s", target).isTrue();
        }
        assertThat(p.node(1).committedMembership()).isEqualTo(Membership.of(2, 3, 5));
        assertThat(p.node(1).role()).isEqualTo(Role.FOLLOWER);
        p.crash(1, -1);
        p.await("a leader of {2,3,5} that lets node 2 learn the commit",
                () -> p.leader() != 0 && p.node(2).committedMembership().equals(Membership.of(2, 3, 5)), 100);
    }

    @Test
    void aCallOnAFollowerFailsWithNotLeaderAndTheLeaderHint() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        MembershipCall call = MembershipCall.changeMembership(7, List.of(removeVoters(3)), false);
        call.poll(c.node(2));
        assertThat(call.outcome().error()).isEqualTo(MembershipError.NOT_LEADER);
        assertThat(call.outcome().leaderHint()).isEqualTo(1);
        assertThat(observer.calls).containsExactly(
                new CallEvent.Start(7, CallOperation.CHANGE_MEMBERSHIP, List.of(removeVoters(3)), false, null, null),
                new CallEvent.End(7, false, null, "not_leader"));
    }

    @Test
    void anInvalidChangeFailsWithInvalidChangeAndAppendsNothing() {
        VirtualCluster c = observer.cluster(THREE);
        c.elect(1);
        long last = c.node(1).lastLogIndex();
        CallOutcome outcome = c.drive(c.changeMembership(1, List.of(removeVoters(1, 2, 3)), true), 5);
        assertThat(outcome.error()).isEqualTo(MembershipError.INVALID_CHANGE);
        assertThat(outcome.detail()).contains("remove every voter");
        assertThat(c.node(1).lastLogIndex()).isEqualTo(last);
    }

    @Test
    void aGuardedChangeWithAStaleExpectationFailsAndAppendsNothing() {
        VirtualCluster c = observer.cluster(THREE, 4);
        c.elect(1);
        long last = c.node(1).lastLogIndex();
        CallOutcome stale = c.drive(c.changeMembershipIf(1, 0, List.of(addVoters(4)), false), 5);
        assertThat(stale.error()).isEqualTo(MembershipError.PRECONDITION_FAILED);
        assertThat(stale.detail()).contains("index 0").contains("index 1");
        assertThat(c.node(1).lastLogIndex()).isEqualTo(last);
        CallOutcome fresh = c.drive(c.changeMembershipIf(1, 1, List.of(addVoters(4)), false), 50);
        assertThat(fresh.membership()).isEqualTo(Membership.of(1, 2, 3, 4));
    }

    @Test
    void guardedConcurrentCallsNeverLeaveAJointMembershipBehind() {
        VirtualCluster c = observer.cluster(Membership.of(1), 2);
        c.elect(1);
        RaftNode leader = c.node(1);
        ClusterCall task1 = c.changeMembershipIf(1, 1, List.of(addVoters(2)), false);
        task1.setHold(true);
        c.await("task 1 step 1 committed", () -> task1.phase() == MembershipCall.Phase.BETWEEN_STEPS, 50);
        // task 2 read the membership at index 3 (the joint entry of task 1) and goes first
        ClusterCall task2 = c.changeMembershipIf(1, 3, List.of(removeVoters(2)), false);
        assertThat(c.drive(task2, 50).membership()).isEqualTo(Membership.of(1));
        task1.setHold(false);
        CallOutcome late = c.drive(task1, 50);
        assertThat(late.error()).isEqualTo(MembershipError.PRECONDITION_FAILED);
        assertThat(leader.effectiveMembership()).isEqualTo(Membership.of(1));
    }

    @Test
    void aCallRetriesInProgressUntilTheEarlierChangeCommits() {
        VirtualCluster c = observer.cluster(THREE, 4);
        c.elect(1);
        Membership joint = Membership.joint(Set.of(1, 2, 3), Set.of(1, 2, 3, 4), Set.of());
        c.handle(1, c.node(1).proposeMembership(joint).ready());
        MembershipCall call = MembershipCall.changeMembership(1, List.of(addVoters(4)), false);
        call.poll(c.node(1));
        assertThat(call.phase()).isEqualTo(MembershipCall.Phase.PROPOSING_STEP1);
        CallOutcome outcome = c.drive(c.open(1, call), 50);
        // step 1 ran on the committed joint: goal {1,2,3,4} = its last set, so one entry finishes the change
        assertThat(outcome.membership()).isEqualTo(Membership.of(1, 2, 3, 4));
        assertThat(observer.steps).filteredOn(r -> r.step() instanceof Step.ProposeMembershipRejected).isNotEmpty();
    }

    @Test
    void aLeaderLostBeforeTheCommitEndsTheCallWithNotLeader() {
        VirtualCluster c = observer.cluster(THREE, 4);
        c.elect(1);
        MembershipCall call = MembershipCall.changeMembership(1, List.of(addVoters(4)), false);
        c.handle(1, call.poll(c.node(1)));
        c.dropIf(m -> m instanceof AppendEntries);
        c.isolate(1);
        c.elect(2);
        c.heal();
        for (int t = 0; t < 3; t++) {
            c.tick(2);
        }
        c.deliverAll();
        assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
        call.poll(c.node(1));
        assertThat(call.outcome().error()).isEqualTo(MembershipError.NOT_LEADER);
    }
}
