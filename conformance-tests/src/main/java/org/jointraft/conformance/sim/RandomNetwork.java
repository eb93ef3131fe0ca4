package org.jointraft.conformance.sim;

import java.util.SplittableRandom;
import org.jointraft.cluster.Network;
import org.jointraft.core.Message;

/**
 * The simulator's seeded network: each message takes 1..maxDelay ticks (a slow one longer), links stay FIFO unless
 * {@code reorder}, and each due message is dropped or copied with the rates of its {@link NetworkFaults}. One random
 * source makes the delay and fate draws: one per send, and two per delivery whatever the faults, so switching a fault
 * off keeps the rest of the run alike; a second source of its own decides which messages are slow (two draws
 * per send, whatever the slow rate), so slow messages leave the first source's draws as they were.
 */
final class RandomNetwork implements Network {

    private final SplittableRandom random;
    private final SplittableRandom slow;
    private final NetworkFaults faults;
    /** [source][dest]: the latest arrival tick scheduled on the link, to keep links FIFO without reorder. */
    private final long[][] lastArrival;
    /** The liveness phase: no loss, no copies, no slow messages (the draws are still made). */
    private boolean calm;

    RandomNetwork(int nodes, SplittableRandom random, SplittableRandom slow, NetworkFaults faults) {
        this.random = random;
        this.slow = slow;
        this.faults = faults;
        this.lastArrival = new long[nodes + 1][nodes + 1];
    }

    /** From now on every message is delivered once, within 1..maxDelay ticks (FIFO links stay FIFO). */
    void calm() {
        calm = true;
    }

    @Override
    public long arrival(Message m, long now) {
        long at = now + 1 + random.nextInt(faults.maxDelay());
        double slowDraw = slow.nextDouble();
        int extra = 1 + slow.nextInt(faults.slowDelay());
        if (slowDraw < faults.slowRate() && !calm) {
            at = now + faults.maxDelay() + extra;
        }
        if (!faults.reorder()) {
            at = Math.max(at, lastArrival[m.source()][m.dest()]);
        }
        lastArrival[m.source()][m.dest()] = Math.max(at, lastArrival[m.source()][m.dest()]);
        return at;
    }

    @Override
    public Fate fate(Message m) {
        double dropDraw = random.nextDouble();
        double duplicateDraw = random.nextDouble();
        if (calm) {
            return Fate.DELIVER;
        }
        if (dropDraw < faults.dropRate()) {
            return Fate.DROP;
        }
        return duplicateDraw < faults.duplicateRate() ? Fate.DUPLICATE : Fate.DELIVER;
    }
}
