package org.jointraft.conformance.sim;

import java.nio.file.Path;
import java.util.List;
import org.jointraft.core.Membership;

/**
 * The outcome of one run.
 *
 * @param trace the trace file written, or null
 * @param events trace events written (0 when untraced)
 * @param ticks virtual ticks actually run (fewer than asked when a violation stopped the run)
 * @param nodes every node id of the run
 * @param finalMembership the leader's effective membership at the end (see {@link Cluster#currentMembership()})
 * @param calls every membership call, in start order
 * @param violation the first safety violation, or null
 * @param writes client writes the leader accepted
 * @param coverage the hard paths the run reached
 * @param liveness what the liveness phase found; null when it did not run (a safety violation stopped the run, a
 *                 scenario, or {@code --heal-ticks 0})
 */
public record SimResult(String scenario, SimOptions options, Path trace, long events, long ticks, List<Integer> nodes,
        Membership bootstrap, Membership finalMembership, List<CallReport> calls, SafetyViolation violation,
        long writes, List<TimelineRow> timeline, List<ClusterNote> notes, Coverage coverage,
        LivenessResult liveness) {

    public SimResult {
        nodes = List.copyOf(nodes);
        calls = List.copyOf(calls);
        timeline = List.copyOf(timeline);
        notes = List.copyOf(notes);
    }

    public boolean safe() {
        return violation == null;
    }

    /** Safe, and the liveness phase (when there was one) held. */
    public boolean passed() {
        return safe() && (liveness == null || liveness.held());
    }

    /** Safe, but the liveness phase failed. */
    public boolean livenessFailed() {
        return safe() && liveness != null && !liveness.held();
    }
}
