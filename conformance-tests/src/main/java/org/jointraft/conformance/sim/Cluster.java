package org.jointraft.conformance.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.jointraft.cluster.ClusterListener;
import org.jointraft.cluster.NodeStatus;
import org.jointraft.cluster.SnapshotPolicy;
import org.jointraft.cluster.SyncFaults;
import org.jointraft.cluster.VirtualCluster;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipChange;
import org.jointraft.core.Message;
import org.jointraft.core.NodeConfig;
import org.jointraft.core.Proposal;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Ready;
import org.jointraft.core.StepObserver;
import org.jointraft.kv.KvStateMachine;
import org.jointraft.trace.TraceObserver;

/**
 * The simulator's cluster: a {@link VirtualCluster} of nodes {@code 1..n} on the seeded {@link RandomNetwork}, traced,
 * checked after every input by the {@link SafetyChecker}, the {@link WriteOracle} and the
 * {@link StateMachineChecker}, and recorded as a timeline. Both the random
 * {@link Simulator} and the scripted scenarios drive it.
 *
 * <p>Every loss the virtual cluster reports (a drop of the policy, a cut link, a node that is down) becomes a
 * DropMessage event, so the trace's network bag stays exact; every crash becomes a Crash event. The first safety
 * violation (or an exception from a node) halts the cluster: later inputs are ignored. Removed nodes are stopped and started again as
 * {@link VirtualCluster.Builder#stopRemovedNodes} describes; open calls to a stopped node end as {@code node_stopped}.
 */
public final class Cluster {

    private final VirtualCluster cluster;
    private final TraceObserver observer;
    private final SafetyChecker checker = new SafetyChecker();
    private final WriteOracle writes = new WriteOracle();
    private final StateMachineChecker stateMachines = new StateMachineChecker();
    private final ReplicaView[] views;
    /** Per node: the last timeline row's effective membership index and commit flag, to record only changes. */
    private final long[] shownIndex;
    private final boolean[] shownCommitted;
    private final List<SimCall> calls = new ArrayList<>();
    private final List<TimelineRow> timeline = new ArrayList<>();
    private final List<ClusterNote> notes = new ArrayList<>();
    private final CoverageTracker coverage;
    private final RandomNetwork network;
    private SafetyViolation violation;

    /**
     * @param nodeTiming NodeConfig.of's timing is used when null (election timeout 10..20, heartbeat 3, 64 per append)
     * @param observer where every step goes, or null for an untraced run
     */
    public Cluster(int nodeCount, Membership bootstrap, long seed, NetworkFaults faults, TraceObserver observer,
            NodeConfig nodeTiming) {
        this.observer = observer;
        this.views = new ReplicaView[nodeCount + 1];
        this.shownIndex = new long[nodeCount + 1];
        this.shownCommitted = new boolean[nodeCount + 1];
        this.network = new RandomNetwork(nodeCount, new SplittableRandom(seed),
                new SplittableRandom(seed ^ 0x5DEECE66DL), faults);
        this.cluster = VirtualCluster.builder(bootstrap).nodes(nodeCount).seed(seed)
                .timing(nodeTiming != null ? nodeTiming : NodeConfig.of(1, bootstrap, 0))
                .network(network)
                .observer(observer == null ? StepObserver.NONE : observer)
                .listener(new Listener()).stopRemovedNodes(true).build();
        this.coverage = new CoverageTracker(cluster, calls);
        for (int id = 1; id <= nodeCount; id++) {
            views[id] = ReplicaView.of(cluster.node(id));
            shownIndex[id] = -1;
            check(id, 1);
            showIfChanged(id);
        }
    }

    /** Crashes between a node's write and its sync from now on ({@link SyncFaults#NONE} for none, the start). */
    public void syncFaults(SyncFaults policy) {
        cluster.syncFaults(policy);
    }

    /** When nodes take snapshots from now on ({@link SnapshotPolicy#NEVER}, the start, for never). */
    public void snapshots(SnapshotPolicy policy) {
        cluster.snapshots(policy == SnapshotPolicy.NEVER ? policy : (node, applied, snapshotIndex) -> {
            boolean now = policy.snapshotNow(node, applied, snapshotIndex);
            if (now) {
                coverage.beforeTakeSnapshot(node); // the cluster takes it right after this answer
            }
            return now;
        });
    }

    /** Node {@code id} snapshots what its state machine applied, if that is beyond its snapshot. */
    public void takeSnapshot(int id) {
        if (cluster.status(id) == NodeStatus.UP && cluster.stateMachine(id).appliedIndex() > node(id).snapshotIndex()) {
            coverage.beforeTakeSnapshot(id);
        }
        cluster.takeSnapshot(id);
    }

    // ---------------------------------------------------------------- time

    public long now() {
        return cluster.now();
    }

    /** One tick of virtual time (see {@link VirtualCluster}); does nothing once a violation was found. */
    public void tick() {
        cluster.tick();
    }

    public void run(int ticks) {
        cluster.run(ticks);
    }

    /** Ticks until {@code condition} holds (checked before each tick) or {@code maxTicks} passed; returns it. */
    public boolean runUntil(BooleanSupplier condition, int maxTicks) {
        return cluster.runUntil(condition, maxTicks);
    }

    // ---------------------------------------------------------------- clients

    /** The running leader with the highest term (lowest id on a tie), 0 when there is none. */
    public int leader() {
        return cluster.leader();
    }

    /** A client write to the leader; false when there is no leader (or a violation froze the cluster). */
    public boolean write(String data) {
        int l = leader();
        if (l == 0 || violation != null) {
            return false;
        }
        Proposal p = cluster.propose(l, data);
        boolean accepted = p != null && p.accepted();
        if (accepted) {
            writes.accepted(l, p.index(), Entry.normal(p.term(), data));
        }
        return accepted;
    }

    public SimCall changeMembership(int node, List<MembershipChange> changes, boolean retain) {
        return open(new SimCall(cluster.changeMembership(node, changes, retain), changes, retain, null));
    }

    public SimCall changeMembershipIf(int node, long expectedIndex, List<MembershipChange> changes, boolean retain) {
        return open(new SimCall(cluster.changeMembershipIf(node, expectedIndex, changes, retain), changes, retain,
                null));
    }

    public SimCall proposeMembership(int node, Membership target) {
        return open(new SimCall(cluster.proposeMembership(node, target), List.of(), false, target));
    }

    /** Calls are polled at the end of every tick; this polls them now as well. */
    public void pollCalls() {
        cluster.pollCalls();
    }

    private SimCall open(SimCall c) {
        calls.add(c);
        return c;
    }

    // ---------------------------------------------------------------- faults

    /** Crashes {@code node}; it restarts after {@code downTicks} ticks, or only on {@link #restart} when negative. */
    public void crash(int node, long downTicks) {
        cluster.crash(node, downTicks);
    }

    /** {@link #crash(int, long)}; with {@code inPlace} the node comes back through {@code RaftNode.restart()}. */
    public void crash(int node, long downTicks, boolean inPlace) {
        cluster.crash(node, downTicks, inPlace);
    }

    /** Starts a crashed or stopped node again from its durable state (a Restart event). */
    public void restart(int node) {
        cluster.restart(node);
    }

    /** Cuts every link between {@code side} and the other nodes, both ways. */
    public void partition(Collection<Integer> side) {
        cluster.partition(side);
        note("partition " + side + " | rest");
    }

    /** Messages from {@code source} to {@code dest} are lost until {@link #heal()}. */
    public void cutOneWay(int source, int dest) {
        cluster.cutOneWay(source, dest);
        note("link " + source + " -> " + dest + " cut");
    }

    public void heal() {
        cluster.heal();
        note("network healed");
    }

    /** The network stops losing, copying and slowing messages (the liveness phase; messages in flight keep their arrival). */
    public void calmNetwork() {
        network.calm();
    }

    public boolean partitioned() {
        return cluster.partitioned();
    }

    // ---------------------------------------------------------------- inspection

    public int size() {
        return cluster.size();
    }

    public RaftNode node(int id) {
        return cluster.node(id);
    }

    public NodeStatus status(int id) {
        return cluster.status(id);
    }

    /** What node {@code id} applied of its committed entries (restored from its snapshot after a restart). */
    public KvStateMachine stateMachine(int id) {
        return cluster.stateMachine(id);
    }

    /** The first safety violation, or null. */
    public SafetyViolation violation() {
        return violation;
    }

    /** Trace events written so far (0 for an untraced run). */
    public long events() {
        return observer == null ? 0 : observer.lastSeq();
    }

    /** The hard paths reached so far (see {@link Coverage.Counter}). */
    public Coverage coverage() {
        return coverage.coverage();
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
        return cluster.inFlight().size();
    }

    /** The leader's effective membership, or without a leader the latest one any running node has. */
    public Membership currentMembership() {
        return cluster.currentMembership();
    }

    // ---------------------------------------------------------------- internals

    /** Delivers {@code m} now, through the same fault checks as any message (tests inject fabricated ones). */
    void deliverNow(Message m) {
        cluster.deliverNow(m);
    }

    /** Traces the network's losses and copies and the nodes' crashes, checks every node output, and records the timeline. */
    private final class Listener implements ClusterListener {

        @Override
        public void onDrop(Message m) {
            if (observer != null) {
                observer.onDrop(m);
            }
        }

        @Override
        public void onDuplicate(Message m) {
            coverage.onDuplicate(m);
            if (observer != null) {
                observer.onDuplicate(m);
            }
        }

        @Override
        public void onDeliver(Message m) {
            coverage.onDeliver(m);
        }

        @Override
        public void afterInput(int node, Ready ready) {
            coverage.afterInput(node, ready);
            check(node, ready.persistLogFrom());
            showIfChanged(node);
        }

        @Override
        public void onCrashBeforeSync(int node) {
            coverage.onCrashBeforeSync(node);
        }

        @Override
        public void afterRestart(int node) {
            coverage.afterRestart(node);
            checker.restarted(node);
            stateMachines.restarted(node);
            views[node] = ReplicaView.of(cluster.node(node));
            check(node, 0);
        }

        @Override
        public void onStatus(int node, NodeStatus status, String why) {
            if (status == NodeStatus.CRASHED && observer != null) {
                observer.onCrash(node);
            }
            note(why);
            shownIndex[node] = -1; // force a row
            showIfChanged(node);
        }

        @Override
        public void onNodeError(int node, String what, RuntimeException cause) {
            fail("node error", what);
        }
    }

    private void check(int node, long logChangedFrom) {
        SafetyChecker.Violation v = checker.check(views[node], logChangedFrom);
        if (v == null) {
            v = writes.check(views[node], now());
        }
        if (v == null) {
            KvStateMachine kv = cluster.stateMachine(node);
            v = stateMachines.check(node, kv.appliedIndex(), kv.entries());
        }
        if (v != null) {
            fail(v.rule(), v.message());
        }
    }

    private void fail(String rule, String message) {
        if (violation == null) {
            violation = new SafetyViolation(rule, message, now(), events());
            cluster.halt();
        }
    }

    void note(String text) {
        notes.add(new ClusterNote(now(), events(), text));
    }

    private void showIfChanged(int node) {
        RaftNode r = cluster.node(node);
        long index = r.effectiveMembershipIndex();
        boolean committed = r.commitIndex() >= index;
        if (index != shownIndex[node] || committed != shownCommitted[node]) {
            shownIndex[node] = index;
            shownCommitted[node] = committed;
            timeline.add(new TimelineRow(now(), events(), node, cluster.status(node), r.effectiveMembership(), index,
                    committed));
        }
    }
}
