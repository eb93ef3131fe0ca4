package org.jointraft.conformance.sim;

import java.util.List;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipCall;
import org.jointraft.core.MembershipChange;

/**
 * A membership call the cluster drives: the impl's {@link MembershipCall}, the node it was made to, and whether it is
 * held between its two steps (the seed's interleaving needs that).
 */
public final class SimCall {

    private final MembershipCall call;
    private final int node;
    private final List<MembershipChange> changes;
    private final boolean retain;
    private final Membership target;
    private final long startTick;
    private long endTick = -1;
    private boolean hold;
    private String abandoned;

    SimCall(MembershipCall call, int node, List<MembershipChange> changes, boolean retain,
            Membership target, long startTick) {
        this.call = call;
        this.node = node;
        this.changes = List.copyOf(changes);
        this.retain = retain;
        this.target = target;
        this.startTick = startTick;
    }

    public long id() {
        return call.callId();
    }

    public int node() {
        return node;
    }

    public MembershipCall.Phase phase() {
        return call.phase();
    }

    /** Finished, or abandoned because its node was stopped. */
    public boolean isDone() {
        return call.isDone() || abandoned != null;
    }

    /** The client gives up on the call (its node went away): it ends without a CallEnd event. */
    void abandon(long tick, String reason) {
        if (!isDone()) {
            abandoned = reason;
            endTick = tick;
        }
    }

    /** While true, the call stops in BETWEEN_STEPS once its step 1 commits. */
    public void setHold(boolean value) {
        this.hold = value;
    }

    public boolean held() {
        return hold;
    }

    MembershipCall call() {
        return call;
    }

    void ended(long tick) {
        endTick = tick;
    }

    public CallReport report() {
        return new CallReport(id(), node, call.operation(), changes, retain, target, startTick, endTick, call.outcome(),
                abandoned);
    }
}
