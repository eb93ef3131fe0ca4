package org.jointraft.conformance.sim;

import org.jointraft.cluster.NodeStatus;
import org.jointraft.cluster.SyncFaults;
import org.jointraft.core.NodeConfig;
import org.jointraft.core.RaftNode;

/**
 * The liveness phase that ends a random run (docs/simulator.md, "Liveness phase"): heal everything (every cut link,
 * no more loss, copies or slow messages, every crashed node restarted and every stopped one a running node's
 * membership names started, held calls released), start no new client
 * write or membership call, then tick until the {@link LivenessCheck} conditions hold for a stability window of
 * {@link #window} ticks with the same leader in the same term, or the bound is spent. The heal-phase steps are traced
 * like any others.
 */
public final class LivenessPhase {
    /** Election rounds the derived bound allows for (split votes under randomized timers). */
    static final int ELECTION_ROUNDS = 10;

    private LivenessPhase() {
    }

    /**
     * Heals {@code cluster} and runs the phase.
     *
     * @param healTicks the bound, or {@link SimOptions#AUTO_HEAL_TICKS} for {@link #bound}
     */
    public static LivenessResult run(Cluster cluster, NodeConfig timing, NetworkFaults faults, int healTicks) {
        cluster.heal();
        cluster.calmNetwork();
        cluster.syncFaults(SyncFaults.NONE);
        for (int id = 1; id <= cluster.size(); id++) {
            if (cluster.status(id) == NodeStatus.CRASHED) {
                cluster.restart(id);
            }
        }
        startStoppedMembers(cluster);
        for (SimCall c : cluster.calls()) {
            c.setHold(false);
        }
        long bound = healTicks == SimOptions.AUTO_HEAL_TICKS ? bound(cluster, timing, faults) : healTicks;
        int window = window(timing, faults);
        cluster.note("liveness phase: healed, no new calls; within " + bound + " ticks one stable leader, every call "
                + "ended, every member's log equal and committed");
        long start = cluster.now();
        long heldSince = -1;
        int leader = 0;
        long term = 0;
        LivenessViolation last = LivenessCheck.check(cluster);
        LivenessViolation lost = null;
        while (cluster.now() - start < bound && cluster.violation() == null) {
            cluster.tick();
            last = LivenessCheck.check(cluster);
            if (last == null) {
                int l = cluster.leader();
                long t = cluster.node(l).currentTerm();
                if (heldSince < 0 || l != leader || t != term) {
                    heldSince = cluster.now();
                    leader = l;
                    term = t;
                } else if (cluster.now() - heldSince >= window) {
                    long ticks = cluster.now() - start;
                    cluster.note("liveness held: leader " + l + " in term " + t + " stable since tick " + heldSince);
                    return new LivenessResult(true, ticks, bound, null);
                }
            } else if (heldSince >= 0) {
                lost = new LivenessViolation(LivenessCheck.STABLE_LEADER, "the conditions held from tick " + heldSince
                        + " (leader " + leader + ", term " + term + ") but not at tick " + cluster.now() + ": "
                        + last.condition() + ": " + last.detail());
                heldSince = -1;
            }
        }
        // once the conditions held and broke again, the instability is the finding (what fails at the bound is chance)
        LivenessViolation v = last != null ? (lost != null ? new LivenessViolation(lost.condition(), lost.detail()
                + "; at the bound " + last.condition() + " fails") : last)
                : new LivenessViolation(LivenessCheck.STABLE_LEADER, "the conditions held from tick " + heldSince
                        + " but not for the " + window + "-tick stability window before the bound");
        cluster.note("LIVENESS FAILED: " + v.condition() + ": " + v.detail());
        return new LivenessResult(false, cluster.now() - start, bound, v);
    }

    /**
     * Starts again every stopped node that a running node's effective membership names, until none is left: an
     * operator runs the nodes the latest configuration lists. A node stopped as removed can be named again by a later
     * change, and a leader that proposed that change may crash before it could restart the node itself.
     */
    static void startStoppedMembers(Cluster cluster) {
        boolean started = true;
        while (started) {
            started = false;
            for (int id = 1; id <= cluster.size(); id++) {
                if (cluster.status(id) == NodeStatus.STOPPED && namedByARunningNode(cluster, id)) {
                    cluster.restart(id);
                    started = true;
                }
            }
        }
    }

    private static boolean namedByARunningNode(Cluster cluster, int id) {
        for (int n = 1; n <= cluster.size(); n++) {
            if (cluster.status(n) == NodeStatus.UP && cluster.node(n).effectiveMembership().isMember(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ticks the conditions must keep holding: one longest election timeout and a round trip, so that a follower whose
     * timer the leader's heartbeats do not reset times out inside the window.
     */
    static int window(NodeConfig timing, NetworkFaults faults) {
        return timing.electionTimeoutMax() + 2 * faults.maxDelay();
    }

    /**
     * The derived bound, from the state at the heal: messages still in flight arrive ({@code maxDelay}, plus
     * {@code slowDelay} with slow messages); {@link #ELECTION_ROUNDS} elections of at most an election timeout and a
     * round trip each; catching up the longest log L with one round trip per entry of back-off plus one per batch of
     * {@code maxEntriesPerAppend}; two commits (heartbeat and round trip) per open call; the stability window.
     */
    static long bound(Cluster cluster, NodeConfig timing, NetworkFaults faults) {
        int d = faults.maxDelay();
        long roundTrip = 2L * d;
        long longest = 0;
        for (int id = 1; id <= cluster.size(); id++) {
            RaftNode n = cluster.node(id);
            longest = Math.max(longest, n.lastLogIndex());
        }
        long open = cluster.calls().stream().filter(c -> !c.isDone()).count();
        long drain = d + (faults.slowRate() > 0 ? faults.slowDelay() : 0);
        long elections = ELECTION_ROUNDS * (timing.electionTimeoutMax() + roundTrip);
        long catchUp = roundTrip * (longest + (longest + timing.maxEntriesPerAppend() - 1)
                / timing.maxEntriesPerAppend());
        long calls = open * 2 * (timing.heartbeatInterval() + roundTrip);
        return drain + elections + catchUp + calls + window(timing, faults);
    }
}
