package org.jointraft.conformance.scenario;

import static org.jointraft.core.MembershipChange.addVoters;
import static org.jointraft.core.MembershipChange.removeVoters;
import static org.jointraft.conformance.scenario.FaultScenarios.ABC;
import static org.jointraft.conformance.scenario.FaultScenarios.ABCD;
import static org.jointraft.conformance.scenario.FaultScenarios.ABC_ABCD;

import org.jointraft.conformance.sim.SimCall;

/** Log compaction meeting membership changes: InstallSnapshot with a joint membership, and over a stale one. */
final class SnapshotScenarios {

    private SnapshotScenarios() {
    }

    /** The other members compact everything they committed, so whoever leads next has a snapshot to send. */
    private static void compactAllBut(ScenarioDriver d, int spared, int size) {
        d.await("every other running node to commit the leader's log", () -> {
            int l = d.cluster().leader();
            for (int id = 1; id <= size; id++) {
                if (id != spared && l != 0 && d.node(id).commitIndex() < d.node(l).lastLogIndex()) {
                    return false;
                }
            }
            return l != 0;
        });
        for (int id = 1; id <= size; id++) {
            if (id != spared) {
                d.snapshot(id);
            }
        }
    }

    static Scenario jointSnapshotCatchUp() {
        return Scenario.named("joint-snapshot-catch-up", "{1,2,3} adds 4 while a follower is cut off; with the "
                        + "joint entry committed the others compact their logs; after healing the follower catches up "
                        + "through an InstallSnapshot whose membership is joint (its higher term may cost the leader "
                        + "its term, and the held call with it); a change then finishes on {1,2,3,4}")
                .nodes(4).bootstrap(ABC)
                .script(d -> {
                    int leader = d.awaitLeader();
                    int lagging = leader == 3 ? 2 : 3;
                    d.fact("lagging", lagging);
                    d.partition(lagging);
                    SimCall grow = d.hold(d.change("grow", leader, addVoters(4)));
                    d.awaitBetweenSteps(grow);
                    d.write(3);
                    compactAllBut(d, lagging, 4);
                    d.fact("snapshot membership", d.node(d.cluster().leader()).snapshot().membership());
                    d.heal();
                    d.await("the lagging node to install a snapshot", () -> d.node(lagging).snapshotIndex() > 0);
                    d.fact("lagging membership after the install", d.node(lagging).effectiveMembership());
                    d.release(grow);
                    d.awaitDone(grow);
                    d.awaitDone(d.change("finish", d.awaitLeader(), addVoters(4)));
                    d.awaitReplicated();
                })
                .expect("the leader's snapshot holds the joint membership",
                        o -> ABC_ABCD.toString().equals(o.fact("snapshot membership")),
                        o -> "found " + o.fact("snapshot membership"))
                .expect("the lagging node takes the joint membership from the snapshot",
                        o -> ABC_ABCD.toString().equals(o.fact("lagging membership after the install")),
                        o -> "found " + o.fact("lagging membership after the install"))
                .expect("the change finishes on {1,2,3,4}", o -> o.endedOn("finish", ABCD), o -> o.describe("finish"))
                .expect("the cluster ends on {1,2,3,4}", o -> o.finalMembership().equals(ABCD),
                        o -> "found " + o.finalMembership());
    }

    static Scenario installDiscardsStaleMembership() {
        return Scenario.named("install-discards-stale-membership", "the leader of {1,2,3} is cut off and appends "
                        + "a change it cannot commit; the others elect a leader, write and compact; after healing the "
                        + "old leader installs their snapshot, which conflicts with its log, so its uncommitted "
                        + "membership goes with the log (the rule OpenRaft #1808 broke)")
                .nodes(3).bootstrap(ABC)
                .script(d -> {
                    int old = d.awaitLeader();
                    d.fact("old leader", old);
                    d.write(1);
                    d.awaitReplicated();
                    d.partition(old);
                    SimCall cut = d.change("cut off", old, removeVoters(old == 1 ? 2 : 1));
                    d.await("the old leader to append the change",
                            () -> d.node(old).effectiveMembershipIndex() > d.node(old).commitIndex());
                    d.fact("old leader membership before", d.node(old).effectiveMembership());
                    d.await("a leader on the majority side", () -> d.cluster().leader() != 0
                            && d.cluster().leader() != old
                            && d.node(d.cluster().leader()).currentTerm() > d.node(old).currentTerm());
                    d.write(3);
                    compactAllBut(d, old, 3);
                    d.heal();
                    d.await("the old leader to install a snapshot", () -> d.node(old).snapshotIndex() > 0);
                    d.fact("old leader membership after", d.node(old).effectiveMembership());
                    d.awaitDone(cut);
                    d.write(2);
                    d.awaitReplicated();
                })
                .expect("the cut-off leader had made the change effective",
                        o -> !ABC.toString().equals(o.fact("old leader membership before")),
                        o -> "found " + o.fact("old leader membership before"))
                .expect("after the install it runs with the snapshot's membership again",
                        o -> ABC.toString().equals(o.fact("old leader membership after")),
                        o -> "found " + o.fact("old leader membership after"))
                .expect("its call fails", o -> !o.result("cut off").equals("ok"), o -> o.describe("cut off"))
                .expect("the cluster ends on {1,2,3}", o -> o.finalMembership().equals(ABC),
                        o -> "found " + o.finalMembership());
    }
}
