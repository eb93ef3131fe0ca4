package org.jointraft.conformance.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipCall;
import org.jointraft.core.MembershipChange;
import org.jointraft.core.Message;
import org.jointraft.core.NodeConfig;
import org.jointraft.core.Proposal;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Ready;
import org.jointraft.core.Role;
import org.jointraft.core.StepObserver;
import org.jointraft.trace.TraceObserver;

/**
 * A simulated cluster of impl nodes {@code 1..n} on one thread in virtual time: the single place where nodes get
 * inputs, outputs are persisted and sent, faults happen and safety is checked. Both the random {@link Simulator} and
 * the scripted scenarios drive it.
 *
 * <p>One {@link #tick()}: nodes whose crash is over restart; stopped nodes the leader lists again start; every running
 * node ticks (in id order); every message due by now is delivered (in arrival order); every open call is polled. A
 * message to a node that is down, over a cut link, or lost by the network is dropped with a DropMessage event, so the
 * trace's network bag stays exact. After every input the node is checked by the {@link SafetyChecker}; the first
 * violation (or an exception from a node) freezes the cluster: later inputs are ignored.
 *
 * <p>Removed voters (retain=false) never learn of the final entry that removes them and would campaign with stale
 * logs, so when a call succeeds every node outside the caller's effective and committed membership is stopped, as an
 * OpenRaft operator would; a stopped node that a leader's effective membership lists again is restarted from its
 * durable state. Open calls made to a node that is stopped are abandoned ({@code node_stopped}), as a client whose
 * server went away would.
 */
public final class Cluster {

    private final SimNode[] nodes;
    private final Network network;
    private final TraceObserver observer;
    private final StepObserver stepObserver;
    private final long seed;
    private final SafetyChecker checker = new SafetyChecker();
    private final List<SimCall> calls = new ArrayList<>();
    private final List<TimelineRow> timeline = new ArrayList<>();
    private final List<ClusterNote> notes = new ArrayList<>();
    private long now;
    private long nextCallId = 1;
    private SafetyViolation violation;

    /**
     * @param nodeTiming NodeConfig.of's timing is used when null (election timeout 10..20, heartbeat 3, 64 per append)
     * @param observer where every step goes, or null for an untraced run
     */
    public Cluster(int nodeCount, Membership bootstrap, long seed, NetworkFaults faults, TraceObserver observer,
            NodeConfig nodeTiming) {
        this.seed = seed;
        this.observer = observer;
        this.stepObserver = observer == null ? StepObserver.NONE : observer;
        this.network = new Network(nodeCount, new SplittableRandom(seed), faults);
        this.nodes = new SimNode[nodeCount + 1];
        for (int id = 1; id <= nodeCount; id++) {
            NodeConfig t = nodeTiming != null ? nodeTiming : NodeConfig.of(1, bootstrap, 0);
            NodeConfig config = new NodeConfig(id, bootstrap, t.electionTimeoutMin(), t.electionTimeoutMax(),
                    t.heartbeatInterval(), t.maxEntriesPerAppend(), nodeSeed(id, 0));
            nodes[id] = new SimNode(id, config, new RaftNode(config, stepObserver));
            check(nodes[id], 1);
            showIfChanged(nodes[id]);
        }
    }

    // ---------------------------------------------------------------- time

    public long now() {
        return now;
    }

    /** One tick of virtual time (see the class comment); does nothing once a violation was found. */
    public void tick() {
        if (violation != null) {
            return;
        }
        now++;
        restartDueNodes();
        for (int id = 1; id < nodes.length && violation == null; id++) {
            SimNode n = nodes[id];
            if (n.up()) {
                input(n, () -> n.raft.tick());
            }
        }
        Message m;
        while (violation == null && (m = network.pollDue(now)) != null) {
            deliver(m);
        }
        pollCalls();
    }

    public void run(int ticks) {
        for (int i = 0; i < ticks && violation == null; i++) {
            tick();
        }
    }

    /** Ticks until {@code condition} holds (checked before each tick) or {@code maxTicks} passed; returns it. */
    public boolean runUntil(BooleanSupplier condition, int maxTicks) {
        for (int i = 0; i < maxTicks && violation == null; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            tick();
        }
        return condition.getAsBoolean();
    }

    // ---------------------------------------------------------------- clients

    /** The running leader with the highest term (lowest id on a tie), 0 when there is none. */
    public int leader() {
        int best = 0;
        for (int id = 1; id < nodes.length; id++) {
            RaftNode r = nodes[id].raft;
            if (nodes[id].up() && r.role() == Role.LEADER
                    && (best == 0 || r.currentTerm() > nodes[best].raft.currentTerm())) {
                best = id;
            }
        }
        return best;
    }

    /** A client write to the leader; false when there is no leader (or a violation froze the cluster). */
    public boolean write(String data) {
        int l = leader();
        if (l == 0 || violation != null) {
            return false;
        }
        SimNode n = nodes[l];
        Proposal[] p = new Proposal[1];
        input(n, () -> (p[0] = n.raft.propose(data)).ready());
        return p[0] != null && p[0].accepted();
    }

    public SimCall changeMembership(int node, List<MembershipChange> changes, boolean retain) {
        long id = nextCallId++;
        return open(new SimCall(MembershipCall.changeMembership(id, changes, retain), node, changes, retain, null,
                now));
    }

    public SimCall changeMembershipIf(int node, long expectedIndex, List<MembershipChange> changes, boolean retain) {
        long id = nextCallId++;
        return open(new SimCall(MembershipCall.changeMembershipIf(id, expectedIndex, changes, retain), node,
                changes, retain, null, now));
    }

    public SimCall proposeMembership(int node, Membership target) {
        long id = nextCallId++;
        return open(new SimCall(MembershipCall.proposeMembership(id, target), node, List.of(), false, target,
                now));
    }

    /** Calls are polled at the end of every tick; this polls them now as well. */
    public void pollCalls() {
        for (SimCall c : List.copyOf(calls)) {
            if (violation != null) {
                return;
            }
            SimNode n = nodes[c.node()];
            if (c.isDone() || !n.up()) {
                continue;
            }
            MembershipCall call = c.call();
            input(n, () -> c.held() ? call.pollUntilBetweenSteps(n.raft) : call.poll(n.raft));
            if (call.isDone()) {
                c.ended(now);
                afterCallEnd(c);
            }
        }
    }

    private SimCall open(SimCall c) {
        calls.add(c);
        return c;
    }

    private void afterCallEnd(SimCall c) {
        if (!c.call().outcome().ok()) {
            return;
        }
        RaftNode caller = nodes[c.node()].raft;
        Membership effective = caller.effectiveMembership();
        Membership committed = caller.committedMembership();
        for (int id = 1; id < nodes.length; id++) {
            SimNode n = nodes[id];
            if (n.up() && n.raft.lastLogIndex() > 0 && !effective.isMember(id) && !committed.isMember(id)) {
                setStatus(n, NodeStatus.STOPPED, "node " + id + " stopped: removed by call " + c.id());
            }
        }
    }

    // ---------------------------------------------------------------- faults

    /** Crashes {@code node}; it restarts after {@code downTicks} ticks, or only on {@link #restart} when negative. */
    public void crash(int node, long downTicks) {
        SimNode n = nodes[node];
        if (!n.up() || violation != null) {
            return;
        }
        n.restartAt = downTicks < 0 ? Long.MAX_VALUE : now + downTicks;
        setStatus(n, NodeStatus.CRASHED, "node " + node + " crashed");
    }

    /** Starts a crashed or stopped node again from its durable state (a Restart event). */
    public void restart(int node) {
        SimNode n = nodes[node];
        if (n.up() || violation != null) {
            return;
        }
        n.incarnation++;
        NodeConfig b = n.baseConfig;
        NodeConfig config = new NodeConfig(b.id(), b.bootstrap(), b.electionTimeoutMin(), b.electionTimeoutMax(),
                b.heartbeatInterval(), b.maxEntriesPerAppend(), nodeSeed(node, n.incarnation));
        checker.restarted(node);
        try {
            n.setRaft(RaftNode.recover(config, n.store.state(), stepObserver)); // reports Restart
        } catch (RuntimeException e) {
            fail("node error", "node " + node + " could not recover from its durable state: " + e);
            return;
        }
        check(n, 0);
        setStatus(n, NodeStatus.UP, "node " + node + " restarted");
    }

    /** Cuts every link between {@code side} and the other nodes, both ways. */
    public void partition(Collection<Integer> side) {
        for (int a = 1; a < nodes.length; a++) {
            for (int b = 1; b < nodes.length; b++) {
                if (side.contains(a) != side.contains(b)) {
                    network.setCut(a, b, true);
                }
            }
        }
        note("partition " + side + " | rest");
    }

    /** Messages from {@code source} to {@code dest} are lost until {@link #heal()}. */
    public void cutOneWay(int source, int dest) {
        network.setCut(source, dest, true);
        note("link " + source + " -> " + dest + " cut");
    }

    public void heal() {
        network.healAll();
        note("network healed");
    }

    public boolean partitioned() {
        return network.anyCut();
    }

    // ---------------------------------------------------------------- inspection

    public int size() {
        return nodes.length - 1;
    }

    public RaftNode node(int id) {
        return nodes[id].raft;
    }

    public NodeStatus status(int id) {
        return nodes[id].status;
    }

    /** The first safety violation, or null. */
    public SafetyViolation violation() {
        return violation;
    }

    /** Trace events written so far (0 for an untraced run). */
    public long events() {
        return observer == null ? 0 : observer.lastSeq();
    }

    public List<SimCall> calls() {
        return List.copyOf(calls);
    }

    public List<CallReport> callReports() {
        return calls.stream().map(SimCall::report).toList();
    }

    public List<TimelineRow> timeline() {
        return List.copyOf(timeline);
    }

    public List<ClusterNote> notes() {
        return List.copyOf(notes);
    }

    public int messagesInFlight() {
        return network.inFlight();
    }

    /** The leader's effective membership, or without a leader the latest one any running node has. */
    public Membership currentMembership() {
        int l = leader();
        if (l != 0) {
            return nodes[l].raft.effectiveMembership();
        }
        RaftNode best = null;
        for (int id = 1; id < nodes.length; id++) {
            RaftNode r = nodes[id].raft;
            if (best == null || r.effectiveMembershipIndex() > best.effectiveMembershipIndex()) {
                best = r;
            }
        }
        return best.effectiveMembership();
    }

    // ---------------------------------------------------------------- internals

    private void restartDueNodes() {
        int l = leader();
        Membership listed = l == 0 ? null : nodes[l].raft.effectiveMembership();
        for (int id = 1; id < nodes.length; id++) {
            SimNode n = nodes[id];
            if (n.status == NodeStatus.CRASHED && n.restartAt <= now) {
                restart(id);
            } else if (n.status == NodeStatus.STOPPED && listed != null && listed.isMember(id)) {
                restart(id);
            }
        }
    }

    /** Delivers {@code m} now, through the same fault checks as any message (tests inject fabricated ones). */
    void deliverNow(Message m) {
        if (violation == null) {
            deliver(m);
        }
    }

    private void deliver(Message m) {
        // two draws per delivery whatever the faults, so switching a fault off keeps the rest of the run alike
        double dropDraw = network.draw();
        double duplicateDraw = network.draw();
        SimNode dest = nodes[m.dest()];
        NetworkFaults f = network.faults();
        if (!dest.up() || network.isCut(m.source(), m.dest()) || dropDraw < f.dropRate()) {
            if (observer != null) {
                observer.onDrop(m);
            }
            return;
        }
        if (duplicateDraw < f.duplicateRate()) {
            if (observer != null) {
                observer.onDuplicate(m);
            }
            network.send(m, now);
        }
        input(dest, () -> dest.raft.receive(m));
    }

    /** Gives a node one input, persists and sends its output, then checks safety. */
    private void input(SimNode n, Supplier<Ready> step) {
        Ready ready;
        try {
            ready = step.get();
        } catch (RuntimeException e) {
            fail("node error", "node " + n.id + " threw " + e);
            return;
        }
        n.store.persist(ready);
        for (Message m : ready.messages()) {
            network.send(m, now);
        }
        check(n, ready.persistLogFrom());
        showIfChanged(n);
    }

    private void check(SimNode n, long logChangedFrom) {
        SafetyChecker.Violation v = checker.check(n.view, logChangedFrom);
        if (v != null) {
            fail(v.rule(), v.message());
        }
    }

    private void fail(String rule, String message) {
        if (violation == null) {
            violation = new SafetyViolation(rule, message, now, events());
        }
    }

    private void setStatus(SimNode n, NodeStatus status, String text) {
        n.status = status;
        if (status == NodeStatus.STOPPED) {
            for (SimCall c : calls) {
                if (c.node() == n.id) {
                    c.abandon(now, "node_stopped");
                }
            }
        }
        note(text);
        n.shownIndex = -1; // force a row
        showIfChanged(n);
    }

    private void note(String text) {
        notes.add(new ClusterNote(now, events(), text));
    }

    private void showIfChanged(SimNode n) {
        RaftNode r = n.raft;
        long index = r.effectiveMembershipIndex();
        boolean committed = r.commitIndex() >= index;
        if (index != n.shownIndex || committed != n.shownCommitted) {
            n.shownIndex = index;
            n.shownCommitted = committed;
            timeline.add(new TimelineRow(now, events(), n.id, n.status, r.effectiveMembership(), index, committed));
        }
    }

    private long nodeSeed(int id, int incarnation) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * id) ^ ((long) incarnation << 48)).nextLong();
    }
}
