package org.jointraft.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jointraft.core.CallOutcome;
import org.jointraft.core.DurableState;
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
import org.jointraft.kv.KvStateMachine;

/**
 * Nodes {@code 1..n} of the core on one thread in virtual time, with their disks, the messages in flight and the open
 * membership calls. Deterministic: the same builder settings and the same calls give the same run. The
 * {@link Network} policy decides each message's arrival tick and fate, the caller cuts links, crashes and restarts
 * nodes, and a {@link ClusterListener} hears what the network and the nodes did.
 *
 * <p>One {@link #tick()}: nodes whose crash is over restart (and, with {@link Builder#stopRemovedNodes}, stopped nodes
 * that a running leader's membership lists again); every running node ticks, in id order; every message due by now
 * is delivered, in (arrival tick, send order) order, new ones included; every open call is polled. A due message to a
 * node that is down or over a cut link is dropped. Every node output is persisted to the node's disk before its
 * messages are sent, as an application must. {@link #halt()} freezes the cluster: later inputs are ignored.
 *
 * <pre>{@code
 * VirtualCluster c = VirtualCluster.builder(Membership.of(1, 2, 3)).build();
 * c.elect(1);
 * c.propose(1, "x");
 * c.runUntil(() -> c.node(3).commitIndex() == 3, 10);
 * }</pre>
 */
public final class VirtualCluster {

    private final Builder settings;
    private final NodeProcess[] nodes;
    private final MessageQueue inFlight = new MessageQueue();
    private final Links links;
    private final List<ClusterCall> calls = new ArrayList<>();
    private long now;
    private long nextCallId = 1;
    private boolean halted;
    /** Where the nodes report: the observer, through a buffer when crashes before a sync may take steps back. */
    private final StepObserver observer;
    private final StepBuffer held;
    private SyncFaults syncFaults = SyncFaults.NONE;
    private SnapshotPolicy snapshots = SnapshotPolicy.NEVER;

    private VirtualCluster(Builder b) {
        this.settings = b;
        this.nodes = new NodeProcess[b.nodes + 1];
        this.links = new Links(b.nodes);
        this.held = b.observer != StepObserver.NONE ? new StepBuffer(b.observer) : null;
        this.observer = held != null ? held : b.observer;
        for (int id = 1; id <= b.nodes; id++) {
            nodes[id] = new NodeProcess(new RaftNode(config(id, 0), observer));
        }
    }

    /** A cluster of the bootstrap's members (ids 1 to its highest member), to be adjusted by the builder. */
    public static Builder builder(Membership bootstrap) {
        return new Builder(bootstrap);
    }

    // ---------------------------------------------------------------- time

    public long now() {
        return now;
    }

    /** One tick of virtual time (see the class comment). */
    public void tick() {
        if (halted) {
            return;
        }
        now++;
        restartDueNodes();
        for (int id = 1; id < nodes.length && !halted; id++) {
            NodeProcess n = nodes[id];
            if (n.up()) {
                input(n, n.raft::tick, true, null);
                if (n.canSnapshot() && snapshots.snapshotNow(id, n.kv.appliedIndex(), n.raft.snapshotIndex())) {
                    takeSnapshot(id);
                }
            }
        }
        Message m;
        while (!halted && (m = inFlight.pollDue(now)) != null) {
            deliver(m);
        }
        pollCalls();
    }

    public void run(int ticks) {
        for (int i = 0; i < ticks && !halted; i++) {
            tick();
        }
    }

    /** Ticks until {@code condition} holds (checked before each tick) or {@code maxTicks} passed; returns it. */
    public boolean runUntil(BooleanSupplier condition, int maxTicks) {
        for (int i = 0; i < maxTicks && !halted; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            tick();
        }
        return condition.getAsBoolean();
    }

    /** Ticks until {@code condition} holds; fails naming {@code what} if it does not within {@code maxTicks}. */
    public void await(String what, BooleanSupplier condition, int maxTicks) {
        if (!runUntil(condition, maxTicks)) {
            throw new IllegalStateException("not reached within " + maxTicks + " ticks (until tick " + now + "): "
                    + what + (halted ? " (the cluster is halted)" : ""));
        }
    }

    /** Gives only node {@code id} one tick of its timers; the cluster's time does not move. */
    public void tick(int id) {
        NodeProcess n = nodes[id];
        if (n.up() && !halted) {
            input(n, n.raft::tick);
        }
    }

    /** Ticks the other followers until none knows a live leader, then {@code id} until it campaigns; delivers all. */
    public void elect(int id) {
        for (NodeProcess n : nodes) {
            while (n != null && n.id != id && n.up() && !halted && n.raft.role() == Role.FOLLOWER
                    && n.raft.knowsLiveLeader()) {
                tick(n.id);
            }
        }
        long term = node(id).currentTerm();
        for (int t = 0; t < 1000 && node(id).currentTerm() == term && nodes[id].up(); t++) {
            tick(id);
        }
        deliverAll();
    }

    /** Crashes between a node's write and its sync from now on ({@link SyncFaults#NONE}, the start, for none). */
    public void syncFaults(SyncFaults policy) {
        syncFaults = Objects.requireNonNull(policy, "syncFaults (use SyncFaults.NONE)");
    }

    /** When nodes take snapshots from now on ({@link SnapshotPolicy#NEVER}, the start, for never). */
    public void snapshots(SnapshotPolicy policy) {
        snapshots = Objects.requireNonNull(policy, "snapshots (use SnapshotPolicy.NEVER)");
    }

    /** Node {@code id} snapshots what it applied, if anything beyond its snapshot; {@link #syncFaults} apply. */
    public void takeSnapshot(int id) {
        if (nodes[id].canSnapshot() && !halted) {
            input(nodes[id], nodes[id]::takeSnapshot, true, null);
        }
    }

    /** The key-value state machine of node {@code id}: what it applied of its committed entries. */
    public KvStateMachine stateMachine(int id) {
        return nodes[id].kv;
    }

    /** Freezes the cluster: every later input (tick, delivery, call poll, crash, restart) is ignored. */
    public void halt() {
        halted = true;
    }

    public boolean halted() {
        return halted;
    }

    // ---------------------------------------------------------------- messages

    /** The messages in flight, in delivery order. */
    public List<Message> inFlight() {
        return inFlight.messages();
    }

    /** Delivers message {@code index} of {@link #inFlight()} now, whatever its arrival tick. */
    public void deliver(int index) {
        deliver(inFlight.remove(index));
    }

    /** Delivers in order, whatever the arrival ticks, until nothing is in flight. */
    public void deliverAll() {
        for (int guard = 0; !inFlight.isEmpty() && !halted; guard++) {
            if (guard > 100_000) {
                throw new IllegalStateException("messages keep flowing: " + inFlight().subList(0, 5));
            }
            deliver(0);
        }
    }

    /** Delivers {@code m} now, through the same policy and checks as any message (tests inject fabricated ones). */
    public void deliverNow(Message m) {
        if (!halted) {
            deliver(m);
        }
    }

    /** Loses message {@code index} of {@link #inFlight()}. */
    public void drop(int index) {
        dropMessage(inFlight.remove(index));
    }

    /** Loses every message in flight that matches {@code which}. */
    public void dropIf(Predicate<Message> which) {
        for (int k = 0; k < inFlight.size(); ) {
            if (which.test(inFlight.get(k))) {
                drop(k);
            } else {
                k++;
            }
        }
    }

    /** Sends a second copy of message {@code index} of {@link #inFlight()}. */
    public void duplicate(int index) {
        duplicateMessage(inFlight.get(index));
    }

    // ---------------------------------------------------------------- inputs

    /** A client write to node {@code id} (null when the cluster is halted or the node threw). */
    public Proposal propose(int id, String data) {
        if (halted) {
            return null;
        }
        Proposal[] p = new Proposal[1];
        input(nodes[id], () -> (p[0] = nodes[id].raft.propose(data)).ready());
        return p[0];
    }

    /** Takes an output the caller got from node {@code id} directly: persists it and sends its messages. */
    public void handle(int id, Ready ready) {
        NodeProcess n = nodes[id];
        input(n, () -> ready);
    }

    // ---------------------------------------------------------------- calls

    public ClusterCall changeMembership(int node, List<MembershipChange> changes, boolean retain) {
        return open(node, MembershipCall.changeMembership(nextCallId++, changes, retain));
    }

    public ClusterCall changeMembershipIf(int node, long expectedIndex, List<MembershipChange> changes,
            boolean retain) {
        return open(node, MembershipCall.changeMembershipIf(nextCallId++, expectedIndex, changes, retain));
    }

    public ClusterCall proposeMembership(int node, Membership target) {
        return open(node, MembershipCall.proposeMembership(nextCallId++, target));
    }

    /** Makes {@code call} to {@code node}; it is polled at the end of every tick until it is done. */
    public ClusterCall open(int node, MembershipCall call) {
        ClusterCall c = new ClusterCall(call, node, now);
        calls.add(c);
        return c;
    }

    /** Ticks until {@code c} is done and returns its outcome; fails after {@code maxTicks} ticks. */
    public CallOutcome drive(ClusterCall c, int maxTicks) {
        if (!runUntil(c::isDone, maxTicks)) {
            throw new IllegalStateException("call " + c.id() + " is not done after " + maxTicks + " ticks: phase "
                    + c.phase());
        }
        return c.outcome();
    }

    /** Calls are polled at the end of every tick; this polls them now as well. */
    public void pollCalls() {
        for (ClusterCall c : List.copyOf(calls)) {
            if (halted) {
                return;
            }
            NodeProcess n = nodes[c.node()];
            if (c.isDone() || !n.up()) {
                continue;
            }
            MembershipCall call = c.call();
            input(n, () -> c.held() ? call.pollUntilBetweenSteps(n.raft) : call.poll(n.raft));
            if (call.isDone()) {
                c.ended(now);
                if (settings.stopRemovedNodes && call.outcome().ok()) {
                    stopRemoved(c);
                }
            }
        }
    }

    public List<ClusterCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * Removed voters (retain=false) never learn of the final entry that removes them and would campaign with stale
     * logs, so an operator shuts down every node outside the caller's effective and committed membership.
     */
    private void stopRemoved(ClusterCall c) {
        RaftNode caller = nodes[c.node()].raft;
        Membership effective = caller.effectiveMembership();
        Membership committed = caller.committedMembership();
        for (int id = 1; id < nodes.length; id++) {
            NodeProcess n = nodes[id];
            if (n.up() && n.raft.lastLogIndex() > 0 && !effective.isMember(id) && !committed.isMember(id)) {
                setStatus(n, NodeStatus.STOPPED, "node " + id + " stopped: removed by call " + c.id());
            }
        }
    }

    // ---------------------------------------------------------------- faults

    /** Crashes {@code node}; it restarts after {@code downTicks} ticks, or only on {@link #restart} when negative. */
    public void crash(int node, long downTicks) {
        crash(node, downTicks, false);
    }

    /**
     * Crashes {@code node} as {@link #crash(int, long)} does; with {@code inPlace} it comes back through
     * {@link RaftNode#restart()} on the same object (volatile state lost, the log in memory kept, which equals its
     * disk since every output is persisted before anything else happens) instead of {@link RaftNode#recover}.
     */
    public void crash(int node, long downTicks, boolean inPlace) {
        NodeProcess n = nodes[node];
        if (!n.up() || halted) {
            return;
        }
        n.restartAt = downTicks < 0 ? Long.MAX_VALUE : now + downTicks;
        n.restartInPlace = inPlace;
        n.store.crash();
        setStatus(n, NodeStatus.CRASHED, "node " + node + " crashed" + (inPlace ? " (to restart in place)" : ""));
    }

    /**
     * Starts a crashed or stopped node again from its durable state (the core reports a Restart step): in place when
     * it crashed with {@code inPlace}, else as a new incarnation recovered from its disk.
     */
    public void restart(int node) {
        NodeProcess n = nodes[node];
        if (n.up() || halted) {
            return;
        }
        if (n.status == NodeStatus.CRASHED && n.restartInPlace) {
            restartInPlace(n);
            return;
        }
        n.incarnation++;
        try {
            DurableState durable = n.store.load();
            n.raft = RaftNode.recover(config(node, n.incarnation), durable, observer);
            n.reloadStateMachine(durable);
        } catch (RuntimeException e) {
            settings.listener.onNodeError(node,
                    "node " + node + " could not recover from its durable state: " + e, e);
            return;
        }
        settings.listener.afterRestart(node);
        setStatus(n, NodeStatus.UP, "node " + node + " restarted");
    }

    private void restartInPlace(NodeProcess n) {
        try {
            n.reloadStateMachine(n.store.load());
            Ready ready = n.raft.restart();
            n.persistAndSync(ready);
            n.kv.apply(ready);
            for (Message m : ready.messages()) {
                send(m);
            }
        } catch (RuntimeException e) {
            settings.listener.onNodeError(n.id, "node " + n.id + " could not restart in place: " + e, e);
            return;
        }
        settings.listener.afterRestart(n.id);
        setStatus(n, NodeStatus.UP, "node " + n.id + " restarted in place");
    }

    /** Cuts every link between {@code side} and the other nodes, both ways. */
    public void partition(Collection<Integer> side) {
        links.partition(side);
    }

    /** Cuts every link of {@code node}, both ways. */
    public void isolate(int node) {
        links.isolate(node);
    }

    /** Messages from {@code source} to {@code dest} are lost until {@link #heal()}. */
    public void cutOneWay(int source, int dest) {
        links.cutOneWay(source, dest);
    }

    /** Every link works again. */
    public void heal() {
        links.heal();
    }

    public boolean isCut(int source, int dest) {
        return links.isCut(source, dest);
    }

    public boolean partitioned() {
        return links.any();
    }

    // ---------------------------------------------------------------- inspection

    public int size() {
        return nodes.length - 1;
    }

    /** The current incarnation of node {@code id} (a new object after each restart). */
    public RaftNode node(int id) {
        return nodes[id].raft;
    }

    /** Every node's current incarnation, in id order. */
    public List<RaftNode> nodes() {
        List<RaftNode> all = new ArrayList<>(size());
        for (int id = 1; id < nodes.length; id++) {
            all.add(nodes[id].raft);
        }
        return all;
    }

    public NodeStatus status(int id) {
        return nodes[id].status;
    }

    /** What node {@code id} has persisted: what it restarts from. */
    public DurableState durableState(int id) {
        return nodes[id].store.load();
    }

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

    /** The leader's effective membership, or without a leader the latest one any node has. */
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
            NodeProcess n = nodes[id];
            if (n.status == NodeStatus.CRASHED && n.restartAt <= now) {
                restart(id);
            } else if (n.status == NodeStatus.STOPPED && listed != null && listed.isMember(id)) {
                restart(id);
            }
        }
    }

    private void send(Message m) {
        inFlight.add(m, settings.network.arrival(m, now));
    }

    private void deliver(Message m) {
        // the policy is asked first whatever happens next, so its draws do not depend on the cuts and crashes
        Network.Fate fate = settings.network.fate(m);
        NodeProcess dest = nodes[m.dest()];
        if (!dest.up() || links.isCut(m.source(), m.dest()) || fate == Network.Fate.DROP) {
            dropMessage(m);
            return;
        }
        if (fate == Network.Fate.DUPLICATE) {
            duplicateMessage(m);
        }
        settings.listener.onDeliver(m);
        input(dest, () -> dest.raft.receive(m), true, m);
    }

    /** The network loses {@code m} (a down node, a cut link or the policy's drop). */
    // Spec: JointRaft.tla DropMessage
    private void dropMessage(Message m) {
        settings.listener.onDrop(m);
    }

    /** The network delivers {@code m} now and keeps a copy in flight. */
    // Spec: JointRaft.tla DuplicateMessage
    private void duplicateMessage(Message m) {
        settings.listener.onDuplicate(m);
        send(m);
    }

    /** Gives a node one input, persists and sends its output, then tells the listener. */
    private void input(NodeProcess n, Supplier<Ready> step) {
        input(n, step, false, null);
    }

    /** {@code mayCrash}: a tick or the delivery of {@code consumed}, which {@link #syncFaults} may cut short. */
    private void input(NodeProcess n, Supplier<Ready> step, boolean mayCrash, Message consumed) {
        Ready ready;
        if (held != null && mayCrash && syncFaults != SyncFaults.NONE) {
            held.hold();
        }
        try {
            ready = step.get();
        } catch (RuntimeException e) {
            if (held != null) {
                held.release(); // the steps up to the failure, for the diagnosis
            }
            settings.listener.onNodeError(n.id, "node " + n.id + " threw " + e, e);
            return;
        }
        n.store.persist(ready);
        if (mayCrash && (ready.hardStateChanged() || ready.persistLogFrom() > 0 || ready.snapshot() != null)) {
            long down = syncFaults.crashBeforeSync(n.id, ready);
            if (down >= 0) {
                crashBeforeSync(n, consumed, down);
                return;
            }
        }
        n.store.sync();
        if (held != null) {
            held.release();
        }
        for (Message m : ready.messages()) {
            send(m);
        }
        n.kv.apply(ready);
        settings.listener.afterInput(n.id, ready);
    }

    /**
     * The node wrote its output but crashed before the sync: the writes are lost, no message left, and to anyone
     * else the input never happened, so its steps are not reported and a consumed message counts as lost in the
     * network. It comes back from its disk (never in place: the object holds the lost state).
     */
    private void crashBeforeSync(NodeProcess n, Message consumed, long downTicks) {
        if (held != null) {
            held.discard();
        }
        if (consumed != null) {
            dropMessage(consumed);
        }
        n.store.crash(0, n.store.unsyncedWrites() > 0); // the first write is torn, the rest lost: recovery cuts it
        settings.listener.onCrashBeforeSync(n.id);
        n.restartAt = now + downTicks;
        n.restartInPlace = false;
        setStatus(n, NodeStatus.CRASHED, "node " + n.id + " crashed between the write and the sync of its output");
    }

    private void setStatus(NodeProcess n, NodeStatus status, String why) {
        n.status = status;
        if (status == NodeStatus.STOPPED) {
            for (ClusterCall c : calls) {
                if (c.node() == n.id) {
                    c.abandon(now, "node_stopped");
                }
            }
        }
        settings.listener.onStatus(n.id, status, why);
    }

    private NodeConfig config(int id, int incarnation) {
        Builder b = settings;
        long seed = new SplittableRandom(b.seed ^ (0x9E3779B97F4A7C15L * id) ^ ((long) incarnation << 48)).nextLong();
        return new NodeConfig(id, b.bootstrap, b.electionTimeoutMin, b.electionTimeoutMax, b.heartbeatInterval,
                b.maxEntriesPerAppend, seed);
    }

    /** The settings of a new cluster; every one has a default. */
    public static final class Builder {

        private final Membership bootstrap;
        private int nodes;
        private long seed;
        private int electionTimeoutMin = 10;
        private int electionTimeoutMax = 20;
        private int heartbeatInterval = 3;
        private int maxEntriesPerAppend = 64;
        private Network network = Network.instant();
        private StepObserver observer = StepObserver.NONE;
        private ClusterListener listener = ClusterListener.NONE;
        private boolean stopRemovedNodes;

        private Builder(Membership bootstrap) {
            this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap membership");
            for (int id : bootstrap.members()) {
                nodes = Math.max(nodes, id);
            }
        }

        /** Nodes 1..count (default: up to the bootstrap's highest member); the others start with an empty log. */
        public Builder nodes(int count) {
            nodes = count;
            return this;
        }

        /** Every node's random seed (its election timeouts) is derived from this, its id and its incarnation. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Election timeouts of [min, max] ticks (default 10..20). */
        public Builder electionTimeout(int min, int max) {
            electionTimeoutMin = min;
            electionTimeoutMax = max;
            return this;
        }

        /** The timing and batch size of {@code template} (its id, bootstrap and seed are not used). */
        public Builder timing(NodeConfig template) {
            electionTimeout(template.electionTimeoutMin(), template.electionTimeoutMax());
            heartbeatInterval = template.heartbeatInterval();
            maxEntriesPerAppend = template.maxEntriesPerAppend();
            return this;
        }

        /** The delivery policy (default {@link Network#instant()}). */
        public Builder network(Network value) {
            network = Objects.requireNonNull(value, "network");
            return this;
        }

        /** Where every node reports its steps. */
        public Builder observer(StepObserver value) {
            observer = Objects.requireNonNull(value, "observer (use StepObserver.NONE)");
            return this;
        }

        public Builder listener(ClusterListener value) {
            listener = Objects.requireNonNull(value, "listener (use ClusterListener.NONE)");
            return this;
        }

        /**
         * When a call succeeds, stop every node outside the caller's memberships, and start a stopped node again once
         * a leader's membership lists it, as an OpenRaft operator would; open calls to a stopped node are abandoned.
         */
        public Builder stopRemovedNodes(boolean value) {
            stopRemovedNodes = value;
            return this;
        }

        public VirtualCluster build() {
            if (nodes < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, got " + nodes);
            }
            return new VirtualCluster(copy());
        }

        /** The cluster keeps its own copy, so changing this builder later does not change it. */
        private Builder copy() {
            Builder b = new Builder(bootstrap);
            b.nodes = nodes;
            b.seed = seed;
            b.electionTimeout(electionTimeoutMin, electionTimeoutMax);
            b.heartbeatInterval = heartbeatInterval;
            b.maxEntriesPerAppend = maxEntriesPerAppend;
            b.network = network;
            b.observer = observer;
            b.listener = listener;
            b.stopRemovedNodes = stopRemovedNodes;
            return b;
        }
    }
}
