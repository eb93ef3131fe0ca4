package org.jointraft.conformance.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jointraft.cluster.NodeStatus;
import org.jointraft.conformance.sim.CallReport;
import org.jointraft.conformance.sim.Cluster;
import org.jointraft.conformance.sim.SimCall;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipCall;
import org.jointraft.core.MembershipChange;
import org.jointraft.core.RaftNode;

/**
 * What a scenario script can do: start calls (named, so checks can find them), hold them between their steps, inject
 * faults, write, and wait for conditions. Every wait gives up after {@link #MAX_WAIT} ticks with a
 * {@link ScenarioFailure} that says what it waited for.
 */
public final class ScenarioDriver {

    /** The most ticks one wait may take. */
    public static final int MAX_WAIT = 600;

    private final Cluster cluster;
    private final Map<String, SimCall> calls = new LinkedHashMap<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private int writes;

    ScenarioDriver(Cluster cluster) {
        this.cluster = cluster;
    }

    public Cluster cluster() {
        return cluster;
    }

    public RaftNode node(int id) {
        return cluster.node(id);
    }

    // ---------------------------------------------------------------- waiting

    /** Ticks until {@code condition} holds. */
    public void await(String what, BooleanSupplier condition) {
        if (!cluster.runUntil(condition, MAX_WAIT)) {
            String why = cluster.violation() != null ? " (stopped: " + cluster.violation().describe() + ")" : "";
            throw new ScenarioFailure("waited " + MAX_WAIT + " ticks (until tick " + cluster.now() + ") for " + what
                    + why);
        }
    }

    public void ticks(int n) {
        cluster.run(n);
    }

    /** Waits for a leader whose blank entry is committed, so it accepts membership changes; returns its id. */
    public int awaitLeader() {
        await("a leader with a committed entry of its term", () -> {
            int l = cluster.leader();
            return l != 0 && node(l).termAt(node(l).commitIndex()) == node(l).currentTerm();
        });
        return cluster.leader();
    }

    public void awaitLeader(int id) {
        await("node " + id + " to lead with a committed entry of its term", () -> cluster.leader() == id
                && node(id).termAt(node(id).commitIndex()) == node(id).currentTerm());
    }

    /** Waits until the leader's effective membership is {@code m} and committed on it. */
    public void awaitCommitted(Membership m) {
        await("membership " + m + " committed on the leader", () -> {
            int l = cluster.leader();
            return l != 0 && node(l).committedMembership().equals(m) && node(l).effectiveMembership().equals(m);
        });
    }

    // ---------------------------------------------------------------- calls

    public SimCall change(String name, int node, MembershipChange... changes) {
        return named(name, cluster.changeMembership(node, List.of(changes), false));
    }

    public SimCall changeRetaining(String name, int node, MembershipChange... changes) {
        return named(name, cluster.changeMembership(node, List.of(changes), true));
    }

    public SimCall changeIf(String name, int node, long expectedIndex, MembershipChange... changes) {
        return named(name, cluster.changeMembershipIf(node, expectedIndex, List.of(changes), false));
    }

    public SimCall propose(String name, int node, Membership target) {
        return named(name, cluster.proposeMembership(node, target));
    }

    public SimCall call(String name) {
        SimCall c = calls.get(name);
        if (c == null) {
            throw new ScenarioFailure("no call named '" + name + "'");
        }
        return c;
    }

    /** Makes the call stop between its steps (set before its step 1 commits). */
    public SimCall hold(SimCall c) {
        c.setHold(true);
        return c;
    }

    public void release(SimCall c) {
        c.setHold(false);
    }

    public void awaitBetweenSteps(SimCall c) {
        await("call " + c.id() + " to commit its step 1 (it is in " + c.phase() + ")",
                () -> c.phase() == MembershipCall.Phase.BETWEEN_STEPS);
    }

    public CallReport awaitDone(SimCall c) {
        await("call " + c.id() + " to finish", c::isDone);
        return c.report();
    }

    /**
     * Waits for the named call; if it fails with not_leader or is abandoned (its node was stopped), sends the same
     * request to the new leader (under the same name), as a client that follows the leader would, at most 3 times.
     */
    public CallReport awaitDoneRetrying(String name) {
        for (int attempt = 0; ; attempt++) {
            CallReport r = awaitDone(call(name));
            boolean lostNode = r.outcome() == null
                    || r.outcome().error() == org.jointraft.core.MembershipError.NOT_LEADER;
            if ((r.outcome() != null && r.outcome().ok()) || !lostNode || attempt == 3) {
                return r;
            }
            int leader = awaitLeader();
            if (r.target() != null) {
                propose(name, leader, r.target());
            } else {
                named(name, cluster.changeMembership(leader, r.changes(), r.retain()));
            }
        }
    }

    private SimCall named(String name, SimCall c) {
        calls.put(name, c);
        return c;
    }

    // ---------------------------------------------------------------- faults and writes

    public void crash(int node) {
        cluster.crash(node, -1);
    }

    public void restart(int node) {
        cluster.restart(node);
    }

    public void partition(Integer... side) {
        cluster.partition(List.of(side));
    }

    public void heal() {
        cluster.heal();
    }

    /** Node {@code node} compacts its log behind everything it has applied. */
    public void snapshot(int node) {
        cluster.takeSnapshot(node);
    }

    public NodeStatus status(int node) {
        return cluster.status(node);
    }

    /** {@code n} client writes, one a tick, each to the leader of the time (waiting for one if needed). */
    public void write(int n) {
        for (int i = 0; i < n; i++) {
            await("a leader to take a client write", () -> cluster.leader() != 0);
            if (cluster.write("write-" + (++writes))) {
                cluster.tick();
            }
        }
    }

    /** Waits until every running member of the leader's membership has committed the leader's whole log. */
    public void awaitReplicated() {
        await("every running member to commit the leader's log", () -> {
            int l = cluster.leader();
            if (l == 0 || node(l).commitIndex() < node(l).lastLogIndex()) {
                return false;
            }
            for (int id : node(l).effectiveMembership().members()) {
                if (cluster.status(id) == NodeStatus.UP && node(id).commitIndex() < node(l).lastLogIndex()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Records a fact the checks can read (e.g. what a node looked like at some moment). */
    public void fact(String key, Object value) {
        facts.put(key, String.valueOf(value));
    }

    Map<String, SimCall> calls() {
        return calls;
    }

    Map<String, String> facts() {
        return facts;
    }
}
