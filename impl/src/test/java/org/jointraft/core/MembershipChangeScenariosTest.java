package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jointraft.core.MembershipChange.addLearners;
import static org.jointraft.core.MembershipChange.addVoters;
import static org.jointraft.core.MembershipChange.removeVoters;

import java.util.List;
import java.util.Set;

import org.jointraft.core.Message.AppendEntries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The membership rules of DESIGN.md, driven through RaftNode and MembershipCall on an in-memory network. */
class MembershipChangeScenariosTest {

    private static final Membership THREE = Membership.of(1, 2, 3);

    private static List<Membership> memberEntries(RaftNode node) {
        return node.log().stream().filter(e -> e.kind() == EntryKind.MEMBER).map(Entry::membership).toList();
    }

    @ParameterizedTest(name = "retain {0}")
    @ValueSource(booleans = {false, true})
    void theSeedsInterleavingLeavesAJointMembershipAndBothCallsSucceed(boolean retain) {
        // y = 1, x = 2
        Cluster c = new Cluster(Membership.of(1), 2);
        c.elect(1);
        RaftNode leader = c.node(1);
        MembershipCall task1 = MembershipCall.changeMembership(1, List.of(addVoters(2)), retain);
        MembershipCall task2 = MembershipCall.changeMembership(2, List.of(removeVoters(2)), retain);

        c.handle(1, task1.pollUntilBetweenSteps(leader));
        c.runUntil(() -> {
            c.handle(1, task1.pollUntilBetweenSteps(leader));
            return task1.phase() == MembershipCall.Phase.BETWEEN_STEPS;
        }, 50, "task 1 step 1 committed");
        assertThat(leader.committedMembership()).hasToString("[{1},{1,2}]");

        Membership afterTask2 = retain ? Membership.uniform(Set.of(1), Set.of(2)) : Membership.of(1);
        assertThat(c.drive(task2, 1, 50).membership()).isEqualTo(afterTask2);
        assertThat(c.drive(task1, 1, 50).membership()).hasToString("[{1},{1,2}]");

        assertThat(task1.outcome().ok()).isTrue();
        assertThat(task2.outcome().ok()).isTrue();
        assertThat(leader.effectiveMembership()).hasToString("[{1},{1,2}]");
        assertThat(memberEntries(leader)).extracting(Membership::toString)
                .containsExactly("{1}", "[{1},{1,2}]", "[{1,2},{1}]", afterTask2.toString(), "[{1},{1,2}]");
        assertThat(c.observer.calls).extracting(e -> e.getClass().getSimpleName() + " " + e.call())
                .containsExactly("Start 1", "Start 2", "End 2", "End 1");
    }

    @Test
    void aLearnerCatchesUpWithoutCountingAndIsThenPromoted() {
        Cluster c = new Cluster(Membership.of(1, 2), 3);
        c.elect(1);
        for (int i = 0; i < 20; i++) {
            c.handle(1, c.node(1).propose("e" + i).ready());
        }
        c.deliverAll();
        CallOutcome learner = c.drive(MembershipCall.changeMembership(1, List.of(addLearners(3)), false), 1, 50);
        assertThat(learner.membership()).isEqualTo(Membership.uniform(Set.of(1, 2), Set.of(3)));
        c.runUntil(() -> c.node(3).log().equals(c.node(1).log()), 20, "learner caught up");

        // with voter 2 cut off, the learner's acknowledgement does not commit anything
        c.isolated.add(2);
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
        c.isolated.remove(2);

        CallOutcome promoted = c.drive(MembershipCall.changeMembership(2, List.of(addVoters(3)), false), 1, 50);
        assertThat(promoted.membership()).isEqualTo(Membership.of(1, 2, 3));
        assertThat(memberEntries(c.node(1))).extracting(Membership::toString)
                .containsExactly("{1,2}", "{1,2} learners {3}", "[{1,2},{1,2,3}]", "{1,2,3}");
    }

    @Test
    void aRemovedLeaderStepsDownRightAfterTheFinalEntryCommits() {
        Cluster c = new Cluster(THREE);
        c.elect(1);
        MembershipCall call = MembershipCall.changeMembership(1, List.of(removeVoters(1)), false);
        CallOutcome outcome = c.drive(call, 1, 50);
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.membership()).isEqualTo(Membership.of(2, 3));
        assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
        assertThat(c.node(1).committedMembership()).isEqualTo(Membership.of(2, 3));
        // the step that committed {2,3} ends with StepDown and sends nothing after it
        List<String> names = c.observer.namesOf(1, 0);
        int stepDown = names.lastIndexOf("StepDown");
        assertThat(names.subList(stepDown - 2, names.size()))
                .containsExactly("HandleAppendEntriesResponse", "AdvanceCommitIndex", "StepDown");
        // the rest elect a leader among themselves; node 1 is no voter any more and never campaigns
        c.runUntil(() -> c.leader() != null, 100, "a leader among {2,3}");
        assertThat(c.leader().id()).isIn(2, 3);
        assertThat(c.node(1).currentTerm()).isLessThanOrEqualTo(c.leader().currentTerm());
        assertThat(c.observer.namesOf(1, 0)).containsOnlyOnce("Timeout");
    }

    @Test
    void retainTrueKeepsARemovedVoterAsALearnerThatStillReceivesEntries() {
        Cluster c = new Cluster(THREE);
        c.elect(1);
        CallOutcome outcome = c.drive(MembershipCall.changeMembership(1, List.of(removeVoters(3)), true), 1, 50);
        assertThat(outcome.membership()).isEqualTo(Membership.uniform(Set.of(1, 2), Set.of(3)));
        c.handle(1, c.node(1).propose("after").ready());
        c.runUntil(() -> c.node(3).log().equals(c.node(1).log()), 20, "learner 3 receives later entries");
        assertThat(c.node(3).effectiveMembership().isLearner(3)).isTrue();
    }

    @Test
    void retainFalseLetsARemovedVoterLeaveAndReceiveNoLaterEntries() {
        Cluster c = new Cluster(THREE);
        c.elect(1);
        CallOutcome outcome = c.drive(MembershipCall.changeMembership(1, List.of(removeVoters(3)), false), 1, 50);
        assertThat(outcome.membership()).isEqualTo(Membership.of(1, 2));
        int deliveredBefore = c.delivered.size();
        long lastOf3 = c.node(3).lastLogIndex();
        c.isolated.add(3); // a removed node is shut down; it would only campaign with a stale log
        c.handle(1, c.node(1).propose("after").ready());
        c.runUntil(() -> c.node(2).log().equals(c.node(1).log()), 20, "node 2 receives later entries");
        assertThat(c.delivered.subList(deliveredBefore, c.delivered.size())).noneMatch(m -> m.dest() == 3);
        assertThat(c.inFlight).noneMatch(m -> m.dest() == 3);
        assertThat(c.node(3).lastLogIndex()).isEqualTo(lastOf3);
    }

    @Test
    void aSecondProposalWhileOneIsUncommittedIsRejectedAsInProgressAndChangesNothing() {
        Cluster c = new Cluster(THREE);
        c.elect(1);
        Membership joint = Membership.joint(Set.of(1, 2, 3), Set.of(1, 2), Set.of());
        Proposal first = c.node(1).proposeMembership(joint);
        assertThat(first.accepted()).isTrue();
        long last = c.node(1).lastLogIndex();
        int steps = c.observer.size();
        Proposal second = c.node(1).proposeMembership(Membership.of(1, 2));
        assertThat(second.rejected()).isEqualTo(RejectReason.IN_PROGRESS);
        assertThat(second.ready().isEmpty()).isTrue();
        assertThat(c.node(1).lastLogIndex()).isEqualTo(last);
        assertThat(c.node(1).effectiveMembership()).isEqualTo(joint);
        assertThat(c.observer.steps.subList(steps, c.observer.size())).singleElement()
                .satisfies(r -> assertThat(r.step()).isEqualTo(
                        new Step.ProposeMembershipRejected(RejectReason.IN_PROGRESS, Membership.of(1, 2))));
    }

    @Test
    void aNewLeaderRefusesMembershipChangesUntilItsBlankEntryCommits() {
        Cluster d = new Cluster(THREE);
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
        Cluster c = new Cluster(THREE);
        c.elect(1);
        assertThat(c.node(1).proposeMembership(Membership.of(4, 5)).rejected()).isEqualTo(RejectReason.INCOHERENT);
        Proposal follower = c.node(2).proposeMembership(Membership.of(1, 2));
        assertThat(follower.rejected()).isEqualTo(RejectReason.NOT_LEADER);
        assertThat(follower.leaderHint()).isEqualTo(1);
        // a pivot from the seed: [{1,2,3},{2,3,4}] -> [{1,2,3},{2,3,5}] -> {2,3,5} is coherent step by step
        Cluster p = new Cluster(THREE, 4, 5);
        p.elect(1);
        for (Membership target : List.of(Membership.joint(Set.of(1, 2, 3), Set.of(2, 3, 4), Set.of()),
                Membership.joint(Set.of(1, 2, 3), Set.of(2, 3, 5), Set.of()), Membership.of(2, 3, 5))) {
            CallOutcome outcome = p.drive(MembershipCall.proposeMembership(target.hashCode(), target), 1, 50);
            assertThat(outcome.ok()).as("pivot to %s", target).isTrue();
        }
        assertThat(p.node(1).committedMembership()).isEqualTo(Membership.of(2, 3, 5));
        assertThat(p.node(1).role()).isEqualTo(Role.FOLLOWER);
        p.isolated.add(1);
        p.runUntil(() -> p.leader() != null && p.node(2).committedMembership().equals(Membership.of(2, 3, 5)), 100,
                "a leader of {2,3,5} that lets node 2 learn the commit");
    }

    @Test
    void aCallOnAFollowerFailsWithNotLeaderAndTheLeaderHint() {
        Cluster c = new Cluster(THREE);
        c.elect(1);
        MembershipCall call = MembershipCall.changeMembership(7, List.of(removeVoters(3)), false);
        call.poll(c.node(2));
        assertThat(call.outcome().error()).isEqualTo(MembershipError.NOT_LEADER);
        assertThat(call.outcome().leaderHint()).isEqualTo(1);
        assertThat(c.observer.calls).containsExactly(
                new CallEvent.Start(7, CallOperation.CHANGE_MEMBERSHIP, List.of(removeVoters(3)), false, null, null),
                new CallEvent.End(7, false, null, "not_leader"));
    }

    @Test
    void anInvalidChangeFailsWithInvalidChangeAndAppendsNothing() {
        Cluster c = new Cluster(THREE);
        c.elect(1);
        long last = c.node(1).lastLogIndex();
        CallOutcome outcome = c.drive(MembershipCall.changeMembership(1, List.of(removeVoters(1, 2, 3)), true), 1, 5);
        assertThat(outcome.error()).isEqualTo(MembershipError.INVALID_CHANGE);
        assertThat(outcome.detail()).contains("remove every voter");
        assertThat(c.node(1).lastLogIndex()).isEqualTo(last);
    }

    @Test
    void aGuardedChangeWithAStaleExpectationFailsAndAppendsNothing() {
        Cluster c = new Cluster(THREE, 4);
        c.elect(1);
        long last = c.node(1).lastLogIndex();
        CallOutcome stale = c.drive(MembershipCall.changeMembershipIf(1, 0, List.of(addVoters(4)), false), 1, 5);
        assertThat(stale.error()).isEqualTo(MembershipError.PRECONDITION_FAILED);
        assertThat(stale.detail()).contains("index 0").contains("index 1");
        assertThat(c.node(1).lastLogIndex()).isEqualTo(last);
        CallOutcome fresh = c.drive(MembershipCall.changeMembershipIf(2, 1, List.of(addVoters(4)), false), 1, 50);
        assertThat(fresh.membership()).isEqualTo(Membership.of(1, 2, 3, 4));
    }

    @Test
    void guardedConcurrentCallsNeverLeaveAJointMembershipBehind() {
        Cluster c = new Cluster(Membership.of(1), 2);
        c.elect(1);
        RaftNode leader = c.node(1);
        MembershipCall task1 = MembershipCall.changeMembershipIf(1, 1, List.of(addVoters(2)), false);
        c.runUntil(() -> {
            c.handle(1, task1.pollUntilBetweenSteps(leader));
            return task1.phase() == MembershipCall.Phase.BETWEEN_STEPS;
        }, 50, "task 1 step 1 committed");
        // task 2 read the membership at index 3 (the joint entry of task 1) and goes first
        MembershipCall task2 = MembershipCall.changeMembershipIf(2, 3, List.of(removeVoters(2)), false);
        assertThat(c.drive(task2, 1, 50).membership()).isEqualTo(Membership.of(1));
        CallOutcome late = c.drive(task1, 1, 50);
        assertThat(late.error()).isEqualTo(MembershipError.PRECONDITION_FAILED);
        assertThat(leader.effectiveMembership()).isEqualTo(Membership.of(1));
    }

    @Test
    void aCallRetriesInProgressUntilTheEarlierChangeCommits() {
        Cluster c = new Cluster(THREE, 4);
        c.elect(1);
        Membership joint = Membership.joint(Set.of(1, 2, 3), Set.of(1, 2, 3, 4), Set.of());
        c.handle(1, c.node(1).proposeMembership(joint).ready());
        MembershipCall call = MembershipCall.changeMembership(1, List.of(addVoters(4)), false);
        call.poll(c.node(1));
        assertThat(call.phase()).isEqualTo(MembershipCall.Phase.PROPOSING_STEP1);
        CallOutcome outcome = c.drive(call, 1, 50);
        // step 1 ran on the committed joint: goal {1,2,3,4} = its last set, so one entry finishes the change
        assertThat(outcome.membership()).isEqualTo(Membership.of(1, 2, 3, 4));
        assertThat(c.observer.steps).filteredOn(r -> r.step() instanceof Step.ProposeMembershipRejected).isNotEmpty();
    }

    @Test
    void aLeaderLostBeforeTheCommitEndsTheCallWithNotLeader() {
        Cluster c = new Cluster(THREE, 4);
        c.elect(1);
        MembershipCall call = MembershipCall.changeMembership(1, List.of(addVoters(4)), false);
        c.handle(1, call.poll(c.node(1)));
        c.inFlight.removeIf(m -> m instanceof AppendEntries);
        c.isolated.add(1);
        c.elect(2);
        c.isolated.remove(1);
        for (int t = 0; t < 3; t++) {
            c.tick(2);
        }
        c.deliverAll();
        assertThat(c.node(1).role()).isEqualTo(Role.FOLLOWER);
        call.poll(c.node(1));
        assertThat(call.outcome().error()).isEqualTo(MembershipError.NOT_LEADER);
    }
}
