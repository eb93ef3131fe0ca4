package org.jointraft.conformance.scenario;

import static org.jointraft.core.MembershipChange.addVoters;
import static org.jointraft.core.MembershipChange.removeVoters;
import static org.jointraft.core.MembershipChange.replaceAllVoters;

import java.util.List;
import java.util.Set;
import org.jointraft.cluster.NodeStatus;
import org.jointraft.conformance.sim.SimCall;
import org.jointraft.core.Membership;

/** The parallel-calls, pivot and revert examples of docs/membership.md, as scenarios. */
final class SeedScenarios {

    private SeedScenarios() {
    }

    static final Membership Y = Membership.of(1);
    static final Membership Y_JOINT_YX = Membership.joint(List.of(1), List.of(1, 2), List.of());
    static final Membership YX_JOINT_Y = Membership.joint(List.of(1, 2), List.of(1), List.of());

    /** y = node 1 alone, x = node 2 with an empty log; task 1 adds x, task 2 removes it between task 1's steps. */
    static Scenario parallelChangeMembership() {
        return Scenario.named("parallel-change-membership",
                        "the parallel-calls example of docs/membership.md: task 1 adds voter 2 to {1}, task 2 "
                                + "removes it between task 1's steps; both succeed and the cluster ends joint [{1},{1,2}]")
                .nodes(2).bootstrap(Y)
                .script(d -> {
                    d.awaitLeader(1);
                    SimCall task1 = d.hold(d.change("task 1", 1, addVoters(2)));
                    d.awaitBetweenSteps(task1);
                    d.awaitDone(d.change("task 2", 1, removeVoters(2)));
                    d.fact("node 2 after task 2", d.status(2));
                    d.release(task1);
                    d.awaitDone(task1);
                })
                .expect("task 2 reports success with {1}", o -> o.endedOn("task 2", Y), o -> o.describe("task 2"))
                .expect("task 1 reports success with [{1},{1,2}]", o -> o.endedOn("task 1", Y_JOINT_YX),
                        o -> o.describe("task 1"))
                .expect("the log holds exactly {1}, [{1},{1,2}], [{1,2},{1}], {1}, [{1},{1,2}]",
                        o -> o.logMemberships().equals(List.of(Y, Y_JOINT_YX, YX_JOINT_Y, Y, Y_JOINT_YX)),
                        o -> "found " + o.logMemberships())
                .expect("the cluster ends in joint [{1},{1,2}]", o -> o.finalMembership().equals(Y_JOINT_YX),
                        o -> "found " + o.finalMembership())
                .expect("node 2 was stopped once removed (and started again when re-added)",
                        o -> NodeStatus.STOPPED.name().equals(o.fact("node 2 after task 2")),
                        o -> "node 2 was " + o.fact("node 2 after task 2"));
    }

    static final Membership A = Membership.of(2, 3, 4);
    static final Membership B = Membership.of(5, 6, 7);

    /** {1} with nodes 2..7 running; one call replaces the voters with {2,3,4}, a concurrent one with {5,6,7}. */
    static Scenario parallelReplaceAll() {
        return Scenario.named("parallel-replace-all",
                        "two concurrent calls replace all voters of {1} with {2,3,4} and {5,6,7}; the cluster ends on "
                                + "one of them (or a joint of both) and each call reports where it ended")
                .nodes(7).bootstrap(Y)
                .script(d -> {
                    d.awaitLeader(1);
                    d.change("to 234", 1, replaceAllVoters(2, 3, 4));
                    d.change("to 567", 1, replaceAllVoters(5, 6, 7));
                    d.awaitDoneRetrying("to 234");
                    d.awaitDoneRetrying("to 567");
                    d.awaitLeader();
                    d.fact("memberships committed", d.cluster().node(d.cluster().leader()).committedMembership());
                })
                .expect("the cluster ends on {2,3,4}, {5,6,7} or a joint of the two",
                        o -> Set.of(A, B, Membership.joint(A.voters(), B.voters(), List.of()),
                                Membership.joint(B.voters(), A.voters(), List.of())).contains(o.finalMembership()),
                        o -> "found " + o.finalMembership())
                .expect("both calls succeed", o -> o.result("to 234").equals("ok") && o.result("to 567").equals("ok"),
                        o -> "to 234: " + o.describe("to 234") + ", to 567: " + o.describe("to 567"))
                .expect("each call reports a membership the log really went through",
                        o -> o.logMemberships().contains(o.call("to 234").outcome().membership())
                                && o.logMemberships().contains(o.call("to 567").outcome().membership()),
                        o -> "log " + o.logMemberships())
                .expect("the call that finished last reports the final membership",
                        o -> lastToFinish(o).outcome().membership().equals(o.finalMembership()),
                        o -> "last call " + lastToFinish(o).request() + " reports " + lastToFinish(o).outcome()
                                .membership() + ", final " + o.finalMembership());
    }

    private static org.jointraft.conformance.sim.CallReport lastToFinish(ScenarioOutcome o) {
        var a = o.call("to 234");
        var b = o.call("to 567");
        return a.endTick() >= b.endTick() ? a : b;
    }

    static final Membership ABC = Membership.of(1, 2, 3);
    static final Membership BCD = Membership.of(2, 3, 4);
    static final Membership BCX = Membership.of(2, 3, 5);
    static final Membership ABC_BCD = Membership.joint(ABC.voters(), BCD.voters(), List.of());
    static final Membership ABC_BCX = Membership.joint(ABC.voters(), BCX.voters(), List.of());

    /** {a,b,c} = {1,2,3} -> {b,c,d} = {2,3,4}; d fails after the joint entry commits; pivot to x = 5 or revert. */
    static Scenario pivotUnreliableNode(boolean revert) {
        String name = revert ? "pivot-unreliable-node-revert" : "pivot-unreliable-node";
        Membership end = revert ? ABC : BCX;
        Scenario s = Scenario.named(name, revert
                        ? "{1,2,3} -> [{1,2,3},{2,3,4}]; node 4 crashes; the operator reverts to {1,2,3}"
                        : "{1,2,3} -> [{1,2,3},{2,3,4}]; node 4 crashes; the operator pivots to [{1,2,3},{2,3,5}], "
                                + "then {2,3,5}")
                .nodes(5).bootstrap(ABC)
                .script(d -> {
                    int leader = d.awaitLeader();
                    d.awaitDone(d.propose("joint", leader, ABC_BCD));
                    d.crash(4);
                    if (revert) {
                        d.propose("revert", leader, ABC);
                        d.awaitDoneRetrying("revert");
                    } else {
                        d.propose("pivot", leader, ABC_BCX);
                        d.awaitDoneRetrying("pivot");
                        d.propose("finish", d.awaitLeader(), BCX);
                        d.awaitDoneRetrying("finish");
                    }
                    d.awaitLeader();
                    d.write(3);
                    d.awaitReplicated();
                    d.fact("leader after", d.cluster().leader());
                })
                .expect("the joint entry [{1,2,3},{2,3,4}] commits", o -> o.endedOn("joint", ABC_BCD),
                        o -> o.describe("joint"))
                .expect("the cluster ends on " + end, o -> o.finalMembership().equals(end),
                        o -> "found " + o.finalMembership())
                .expect("writes commit without node 4 afterwards", o -> o.fact("leader after") != null
                        && !o.fact("leader after").equals("4"), o -> "leader " + o.fact("leader after"));
        if (revert) {
            return s.expect("the revert reports {1,2,3}", o -> o.endedOn("revert", ABC),
                    o -> o.describe("revert"));
        }
        return s.expect("the pivot reports [{1,2,3},{2,3,5}]", o -> o.endedOn("pivot", ABC_BCX),
                        o -> o.describe("pivot"))
                .expect("the final step reports {2,3,5}", o -> o.endedOn("finish", BCX), o -> o.describe("finish"))
                .expect("the log goes {1,2,3}, [{1,2,3},{2,3,4}], [{1,2,3},{2,3,5}], {2,3,5}",
                        o -> o.logMemberships().equals(List.of(ABC, ABC_BCD, ABC_BCX, BCX)),
                        o -> "found " + o.logMemberships());
    }
}
