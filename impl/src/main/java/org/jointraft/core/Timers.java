package org.jointraft.core;

import java.util.SplittableRandom;

/**
 * A node's logical clocks, in ticks: the election timeout, drawn anew from the seeded random source on each reset
 * (§5.2, randomized timeouts), and the leader's heartbeat interval.
 */
final class Timers {

    private final NodeConfig config;
    private final SplittableRandom random;
    private int electionElapsed;
    private int electionTimeout;
    private int heartbeatElapsed;

    Timers(NodeConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.randomSeed());
        resetElection();
    }

    void resetElection() {
        electionElapsed = 0;
        electionTimeout = config.electionTimeoutMin()
                + random.nextInt(config.electionTimeoutMax() - config.electionTimeoutMin() + 1);
    }

    /** One tick of a follower or candidate; true when its election timeout has run out. */
    boolean electionDue() {
        electionElapsed++;
        return electionElapsed >= electionTimeout;
    }

    /** Less than a minimum election timeout since the last reset (the leader was heard from). */
    boolean heardRecently() {
        return electionElapsed < config.electionTimeoutMin();
    }

    /** One tick of a leader; true when a heartbeat is due. */
    boolean heartbeatDue() {
        heartbeatElapsed++;
        return heartbeatElapsed >= config.heartbeatInterval();
    }

    void resetHeartbeat() {
        heartbeatElapsed = 0;
    }
}
