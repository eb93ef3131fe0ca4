package org.jointraft.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A deterministic in-memory network for tests: messages wait in a list until the test delivers, drops, duplicates or
 * reorders them. It checks state machine safety on every commit: no two nodes ever commit different entries at one
 * index.
 */
final class Cluster {

    final RecordingObserver observer = new RecordingObserver();
    final Map<Integer, RaftNode> nodes = new TreeMap<>();
    final List<Message> inFlight = new ArrayList<>();
    /** Nodes that are shut down or cut off: they get no ticks, and messages from or to them are lost. */
    final Set<Integer> isolated = new HashSet<>();
    private final Map<Long, Entry> committed = new HashMap<>();
    /** Every message delivered, in order. */
    final List<Message> delivered = new ArrayList<>();

    Cluster(Membership bootstrap, int... others) {
        this(10, 20, bootstrap, others);
    }

    /** A cluster whose election timeouts are drawn from [timeoutMin, timeoutMax]. */
    static Cluster withTimeouts(int timeoutMin, int timeoutMax, Membership bootstrap, int... others) {
        return new Cluster(timeoutMin, timeoutMax, bootstrap, others);
    }

    private Cluster(int timeoutMin, int timeoutMax, Membership bootstrap, int... others) {
        Set<Integer> ids = new HashSet<>(bootstrap.members());
        for (int other : others) {
            ids.add(other);
        }
        for (int id : ids) {
            NodeConfig config = new NodeConfig(id, bootstrap, timeoutMin, timeoutMax, 3, 64, 1000L + id);
            nodes.put(id, new RaftNode(config, observer));
        }
    }

    RaftNode node(int id) {
        return nodes.get(id);
    }

    /** Takes a node's output: queues its messages and checks what it committed. */
    void handle(int id, Ready ready) {
        inFlight.addAll(ready.messages());
        for (int k = 0; k < ready.committed().size(); k++) {
            long index = ready.firstCommittedIndex() + k;
            Entry entry = ready.committed().get(k);
            Entry earlier = committed.putIfAbsent(index, entry);
            if (earlier != null && !earlier.equals(entry)) {
                throw new AssertionError("state machine safety: node " + id + " committed " + entry + " at " + index
                        + " where " + earlier + " was committed before");
            }
        }
    }

    void tick(int id) {
        if (!isolated.contains(id)) {
            handle(id, node(id).tick());
        }
    }

    void tickAll() {
        for (int id : nodes.keySet()) {
            tick(id);
        }
    }

    /** Delivers (or loses, if an end is isolated) message {@code index} of the in-flight list. */
    void deliver(int index) {
        Message m = inFlight.remove(index);
        if (isolated.contains(m.source()) || isolated.contains(m.dest())) {
            return;
        }
        delivered.add(m);
        handle(m.dest(), node(m.dest()).receive(m));
    }

    /** Delivers in FIFO order until nothing is in flight. */
    void deliverAll() {
        for (int guard = 0; !inFlight.isEmpty(); guard++) {
            if (guard > 100_000) {
                throw new AssertionError("messages keep flowing: " + inFlight.subList(0, 5));
            }
            deliver(0);
        }
    }

    /** Ticks {@code id} until it times out, then delivers everything. */
    void elect(int id) {
        long term = node(id).currentTerm();
        for (int t = 0; t < 1000 && node(id).currentTerm() == term; t++) {
            tick(id);
        }
        deliverAll();
    }

    /** Ticks and delivers until {@code done} holds; fails after {@code maxTicks} rounds. */
    void runUntil(BooleanSupplier done, int maxTicks, String what) {
        for (int t = 0; t < maxTicks; t++) {
            if (done.getAsBoolean()) {
                return;
            }
            tickAll();
            deliverAll();
        }
        if (!done.getAsBoolean()) {
            throw new AssertionError("not reached within " + maxTicks + " ticks: " + what + "; " + nodes.values());
        }
    }

    /** Drives a membership call on {@code leader} until it is done. */
    CallOutcome drive(MembershipCall call, int leader, int maxTicks) {
        for (int t = 0; t < maxTicks && !call.isDone(); t++) {
            handle(leader, call.poll(node(leader)));
            deliverAll();
            if (!call.isDone()) {
                handle(leader, call.poll(node(leader)));
                tickAll();
                deliverAll();
            }
        }
        if (!call.isDone()) {
            throw new AssertionError("call " + call.callId() + " not done after " + maxTicks + " ticks, phase "
                    + call.phase());
        }
        return call.outcome();
    }

    /** The leader of the highest term among nodes not isolated, or null. */
    RaftNode leader() {
        RaftNode best = null;
        for (RaftNode n : nodes.values()) {
            if (!isolated.contains(n.id()) && n.role() == Role.LEADER
                    && (best == null || n.currentTerm() > best.currentTerm())) {
                best = n;
            }
        }
        return best;
    }

    Entry committedAt(long index) {
        return committed.get(index);
    }
}
