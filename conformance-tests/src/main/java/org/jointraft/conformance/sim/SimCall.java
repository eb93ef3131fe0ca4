package org.jointraft.conformance.sim;

import java.util.List;
import org.jointraft.cluster.ClusterCall;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipCall;
import org.jointraft.core.MembershipChange;

/** A membership call of the simulator: the cluster's {@link ClusterCall} and what was asked, for its report. */
public final class SimCall {

    private final ClusterCall call;
    private final List<MembershipChange> changes;
    private final boolean retain;
    private final Membership target;

    SimCall(ClusterCall call, List<MembershipChange> changes, boolean retain, Membership target) {
        this.call = call;
        this.changes = List.copyOf(changes);
        this.retain = retain;
        this.target = target;
    }

    public long id() {
        return call.id();
    }

    public int node() {
        return call.node();
    }

    public MembershipCall.Phase phase() {
        return call.phase();
    }

    /** Finished, or abandoned because its node was stopped. */
    public boolean isDone() {
        return call.isDone();
    }

    /** While true, the call stops in BETWEEN_STEPS once its step 1 commits. */
    public void setHold(boolean value) {
        call.setHold(value);
    }

    public boolean held() {
        return call.held();
    }

    public CallReport report() {
        return new CallReport(id(), node(), call.call().operation(), changes, retain, target, call.startTick(),
                call.endTick(), call.outcome(), call.abandoned());
    }
}
