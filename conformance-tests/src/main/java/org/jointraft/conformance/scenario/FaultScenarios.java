package org.jointraft.conformance.scenario;

import static org.jointraft.core.MembershipChange.addLearners;
import static org.jointraft.core.MembershipChange.addVoters;
import static org.jointraft.core.MembershipChange.removeVoters;

import java.util.List;
import java.util.TreeSet;
import org.jointraft.conformance.sim.SimCall;
import org.jointraft.core.Membership;
import org.jointraft.core.Role;

/** Membership changes meeting leader loss, partitions, learners and the guarded call. */
final class FaultScenarios {

    private FaultScenarios() {
    }

    static final Membership ABC = Membership.of(1, 2, 3);
    static final Membership ABCD = Membership.of(1, 2, 3, 4);
    static final Membership ABC_ABCD = Membership.joint(ABC.voters(), ABCD.voters(), List.of());

    static Scenario removeLeader() {
        return Scenario.named("remove-leader", "the leader of {1,2,3} removes itself; it steps down once the final "
                        + "entry commits and the two others elect a new leader that keeps taking writes")
                .nodes(3).bootstrap(ABC)
                .script(d -> {
                    int old = d.awaitLeader();
                    d.fact("old leader", old);
                    TreeSet<Integer> rest = new TreeSet<>(ABC.voters());
                    rest.remove(old);
                    d.fact("rest", Membership.uniform(rest));
                    d.awaitDone(d.change("remove leader", old, removeVoters(old)));
                    d.fact("old leader role", d.node(old).role());
                    int next = d.awaitLeader();
                    d.fact("new leader", next);
                    d.write(3);
                    d.awaitReplicated();
                })
                .expect("the call succeeds with the two other voters",
                        o -> o.endedOn("remove leader", Membership.of(rest(o))), o -> o.describe("remove leader"))
                .expect("the old leader stepped down", o -> Role.FOLLOWER.name().equals(o.fact("old leader role")),
                        o -> "it was " + o.fact("old leader role"))
                .expect("a new leader from the others is elected", o -> !o.fact("new leader").equals(o.fact("old leader")),
                        o -> "leader " + o.fact("new leader"))
                .expect("the cluster ends on the two others", o -> o.finalMembership().equals(Membership.of(rest(o))),
                        o -> "found " + o.finalMembership());
    }

    private static Integer[] rest(ScenarioOutcome o) {
        int old = Integer.parseInt(o.fact("old leader"));
        return ABC.voters().stream().filter(id -> id != old).toArray(Integer[]::new);
    }

    /**
     * The leaderless trap of use-at-once memberships: a leader appends the entry removing itself and loses its term
     * before it commits. Its log is the longest, so it refuses the other node's vote, and the other node needs that
     * vote in the joint membership. It gets out because the old leader is still a voter of its committed (joint)
     * membership and so may campaign (docs/membership.md, "Who may campaign").
     */
    static Scenario removedLeaderLosesItsTerm() {
        return Scenario.named("removed-leader-loses-its-term", "the leader of {1,2} removes itself; its final entry "
                        + "(the other node alone) is cut off before it commits, and the other node campaigns in the "
                        + "joint membership without it; the old leader, still a voter of its committed joint "
                        + "membership, campaigns again, commits the final entry and steps down; the other node then "
                        + "leads alone")
                .nodes(2).bootstrap(Membership.of(1, 2))
                .script(d -> {
                    int old = d.awaitLeader();
                    int other = 3 - old;
                    Membership rest = Membership.of(other);
                    d.fact("old leader", old);
                    d.fact("rest", rest);
                    long firstTerm = d.node(old).currentTerm();
                    SimCall remove = d.hold(d.change("remove leader", old, removeVoters(old)));
                    d.awaitBetweenSteps(remove);
                    d.partition(old);
                    d.release(remove);
                    d.await("the old leader to append its final entry",
                            () -> d.node(old).effectiveMembership().equals(rest));
                    d.await("the other node to campaign", () -> d.node(other).currentTerm() > firstTerm);
                    d.fact("other membership while cut off", d.node(other).effectiveMembership());
                    d.heal();
                    d.await("the old leader to lead again", () -> d.node(old).role() == Role.LEADER
                            && d.node(old).currentTerm() > firstTerm);
                    d.fact("old leader led again with", d.node(old).effectiveMembership());
                    d.awaitLeader(other);
                    d.fact("old leader role", d.node(old).role());
                    d.fact("old leader committed membership", d.node(old).committedMembership());
                    d.awaitDone(remove);
                    d.write(2);
                    d.awaitReplicated();
                })
                .expect("the other node was left joint, needing the old leader's vote",
                        o -> o.fact("other membership while cut off").equals("[{1,2}," + o.fact("rest") + "]"),
                        o -> "found " + o.fact("other membership while cut off"))
                .expect("the old leader led again in a later term, not a voter of its effective membership",
                        o -> o.fact("rest").equals(o.fact("old leader led again with")),
                        o -> "found " + o.fact("old leader led again with"))
                .expect("the old leader stepped down once its final entry committed",
                        o -> Role.FOLLOWER.name().equals(o.fact("old leader role"))
                                && o.fact("rest").equals(o.fact("old leader committed membership")),
                        o -> "role " + o.fact("old leader role") + ", committed "
                                + o.fact("old leader committed membership"))
                .expect("the cluster ends on the other node alone",
                        o -> o.finalMembership().toString().equals(o.fact("rest")), o -> "found " + o.finalMembership());
    }

    static Scenario addLearnerThenPromote() {
        Membership withLearner = Membership.uniform(ABC.voters(), List.of(4));
        return Scenario.named("add-learner-then-promote", "node 4 joins {1,2,3} as a learner, catches up without "
                        + "voting or campaigning, then is promoted to voter")
                .nodes(4).bootstrap(ABC)
                .script(d -> {
                    int leader = d.awaitLeader();
                    d.awaitDone(d.change("add learner", leader, addLearners(4)));
                    d.write(20);
                    d.awaitReplicated();
                    d.fact("learner caught up", d.node(4).lastLogIndex() == d.node(d.cluster().leader()).lastLogIndex());
                    d.fact("learner voted for itself", d.node(4).votedFor() == 4);
                    d.fact("learner term", d.node(4).currentTerm());
                    d.fact("leader term", d.node(d.cluster().leader()).currentTerm());
                    d.awaitDone(d.change("promote", d.awaitLeader(), addVoters(4)));
                })
                .expect("adding the learner reports {1,2,3} learners {4}", o -> o.endedOn("add learner", withLearner),
                        o -> o.describe("add learner"))
                .expect("the learner caught up with the leader's log", o -> "true".equals(o.fact("learner caught up")))
                .expect("the learner never campaigned", o -> "false".equals(o.fact("learner voted for itself"))
                        && o.fact("learner term").equals(o.fact("leader term")),
                        o -> "learner term " + o.fact("learner term") + ", leader term " + o.fact("leader term"))
                .expect("promoting reports {1,2,3,4}", o -> o.endedOn("promote", ABCD), o -> o.describe("promote"))
                .expect("the log goes {1,2,3}, {1,2,3} learners {4}, [{1,2,3},{1,2,3,4}], {1,2,3,4}",
                        o -> o.logMemberships().equals(List.of(ABC, withLearner, ABC_ABCD, ABCD)),
                        o -> "found " + o.logMemberships());
    }

    static Scenario partitionDuringJoint() {
        Membership five = Membership.of(1, 2, 3, 4, 5);
        return Scenario.named("partition-during-joint", "{1,2,3} adds 4 and 5; once the joint entry commits the "
                        + "leader is cut off; the majority side elects a leader that stays joint; after healing a "
                        + "new call finishes the change")
                .nodes(5).bootstrap(ABC)
                .script(d -> {
                    int old = d.awaitLeader();
                    SimCall grow = d.hold(d.change("grow", old, addVoters(4, 5)));
                    d.awaitBetweenSteps(grow);
                    d.partition(old);
                    d.release(grow); // step 2 is proposed in the isolated old leader and cannot commit
                    d.await("a leader on the majority side", () -> d.cluster().leader() != 0
                            && d.cluster().leader() != old
                            && d.node(d.cluster().leader()).currentTerm() > d.node(old).currentTerm());
                    int next = d.cluster().leader();
                    d.write(3);
                    d.fact("majority leader membership", d.node(next).effectiveMembership());
                    d.heal();
                    d.awaitDone(grow);
                    d.awaitDone(d.change("finish", d.awaitLeader(), addVoters(4, 5)));
                    d.awaitReplicated();
                })
                .expect("the majority side kept the joint membership",
                        o -> Membership.joint(ABC.voters(), five.voters(), List.of()).toString()
                                .equals(o.fact("majority leader membership")),
                        o -> "found " + o.fact("majority leader membership"))
                .expect("the cut-off leader's call fails with not_leader", o -> o.result("grow").equals("not_leader"),
                        o -> o.describe("grow"))
                .expect("the later call finishes the change on {1,2,3,4,5}", o -> o.endedOn("finish", five),
                        o -> o.describe("finish"))
                .expect("the cluster ends on {1,2,3,4,5}", o -> o.finalMembership().equals(five),
                        o -> "found " + o.finalMembership());
    }

    static Scenario leaderCrashBetweenSteps() {
        return Scenario.named("leader-crash-between-steps", "the leader of {1,2,3} crashes after the joint entry "
                        + "[{1,2,3},{1,2,3,4}] commits; the cluster stays joint and keeps taking writes; a later "
                        + "change finishes it")
                .nodes(4).bootstrap(ABC)
                .script(d -> {
                    int old = d.awaitLeader();
                    SimCall add = d.hold(d.change("add 4", old, addVoters(4)));
                    d.awaitBetweenSteps(add);
                    d.crash(old);
                    int next = d.awaitLeader();
                    d.write(5);
                    d.awaitReplicated();
                    d.fact("membership while the old leader is down", d.node(next).committedMembership());
                    d.restart(old);
                    d.release(add);
                    d.awaitDone(add);
                    d.awaitDone(d.change("finish", d.awaitLeader(), addVoters(4)));
                })
                .expect("the cluster stays joint and commits writes while the old leader is down",
                        o -> ABC_ABCD.toString().equals(o.fact("membership while the old leader is down")),
                        o -> "found " + o.fact("membership while the old leader is down"))
                .expect("the crashed leader's call fails with not_leader", o -> o.result("add 4").equals("not_leader"),
                        o -> o.describe("add 4"))
                .expect("a later change finishes on {1,2,3,4}", o -> o.endedOn("finish", ABCD), o -> o.describe("finish"))
                .expect("the cluster ends on {1,2,3,4}", o -> o.finalMembership().equals(ABCD),
                        o -> "found " + o.finalMembership());
    }

    static Scenario guardedConcurrentChange() {
        Membership y = SeedScenarios.Y;
        return Scenario.named("guarded-concurrent-change", "the parallel-calls example with change_membership_if: task 2 "
                        + "removes 2 between task 1's steps; task 1's guarded step 2 then fails instead of re-adding "
                        + "2, so no joint membership is left behind")
                .nodes(2).bootstrap(y)
                .script(d -> {
                    d.awaitLeader(1);
                    SimCall task1 = d.hold(d.changeIf("task 1", 1, d.node(1).effectiveMembershipIndex(), addVoters(2)));
                    d.awaitBetweenSteps(task1);
                    d.awaitDone(d.changeIf("task 2", 1, d.node(1).effectiveMembershipIndex(), removeVoters(2)));
                    d.release(task1);
                    d.awaitDone(task1);
                    d.ticks(20);
                })
                .expect("task 2 reports success with {1}", o -> o.endedOn("task 2", y), o -> o.describe("task 2"))
                .expect("task 1 fails with precondition_failed",
                        o -> o.result("task 1").equals("precondition_failed"), o -> o.describe("task 1"))
                .expect("the cluster ends uniform on {1}", o -> o.finalMembership().equals(y),
                        o -> "found " + o.finalMembership());
    }
}
