package org.jointraft.conformance.sim;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.jointraft.core.Message;

/**
 * The messages in flight, each with the tick it arrives at, plus which directed links are cut. Deliveries come out
 * in (arrival tick, send order), so equal runs deliver in equal order. Deciding what happens at delivery (drop,
 * duplicate, a cut link) is the {@link Cluster}'s job, so that every loss becomes a trace event.
 */
final class Network {

    record InFlight(long at, long order, Message msg) {
    }

    private final PriorityQueue<InFlight> queue = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
    private final SplittableRandom random;
    private final NetworkFaults faults;
    /** [source][dest]: the latest arrival tick scheduled on the link, to keep links FIFO without reorder. */
    private final long[][] lastArrival;
    /** [source][dest]: the link loses everything. */
    private final boolean[][] cut;
    private long sent;

    Network(int nodes, SplittableRandom random, NetworkFaults faults) {
        this.random = random;
        this.faults = faults;
        this.lastArrival = new long[nodes + 1][nodes + 1];
        this.cut = new boolean[nodes + 1][nodes + 1];
    }

    NetworkFaults faults() {
        return faults;
    }

    void send(Message m, long now) {
        long at = now + 1 + random.nextInt(faults.maxDelay());
        if (!faults.reorder()) {
            at = Math.max(at, lastArrival[m.source()][m.dest()]);
        }
        lastArrival[m.source()][m.dest()] = Math.max(at, lastArrival[m.source()][m.dest()]);
        queue.add(new InFlight(at, sent++, m));
    }

    /** The next message due at or before {@code now}, or null. */
    Message pollDue(long now) {
        InFlight head = queue.peek();
        if (head == null || head.at > now) {
            return null;
        }
        return queue.poll().msg;
    }

    int inFlight() {
        return queue.size();
    }

    boolean isCut(int source, int dest) {
        return cut[source][dest];
    }

    void setCut(int source, int dest, boolean value) {
        cut[source][dest] = value;
    }

    boolean anyCut() {
        for (boolean[] row : cut) {
            for (boolean c : row) {
                if (c) {
                    return true;
                }
            }
        }
        return false;
    }

    void healAll() {
        for (boolean[] row : cut) {
            java.util.Arrays.fill(row, false);
        }
    }

    /** A draw in [0, 1) from the network's own random source. */
    double draw() {
        return random.nextDouble();
    }
}
