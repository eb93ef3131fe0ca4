package org.jointraft.cluster;

import org.jointraft.core.CallOutcome;
import org.jointraft.core.MembershipCall;

/**
 * A membership call a {@link VirtualCluster} drives: the core's {@link MembershipCall}, the node it was made to, when
 * it started and ended, and whether it is held between its two steps.
 */
public final class ClusterCall {

    private final MembershipCall call;
    private final int node;
    private final long startTick;
    private long endTick = -1;
    private boolean hold;
    private String abandoned;

    ClusterCall(MembershipCall call, int node, long startTick) {
        this.call = call;
        this.node = node;
        this.startTick = startTick;
    }

    public long id() {
        return call.callId();
    }

    public int node() {
        return node;
    }

    public MembershipCall call() {
        return call;
    }

    public MembershipCall.Phase phase() {
        return call.phase();
    }

    /** Finished, or abandoned because its node was stopped. */
    public boolean isDone() {
        return call.isDone() || abandoned != null;
    }

    /** The call's answer; null while it runs or when it was abandoned. */
    public CallOutcome outcome() {
        return call.outcome();
    }

    /** Null, or why the client gave up on the call without an answer. */
    public String abandoned() {
        return abandoned;
    }

    /** While true, the call stops in BETWEEN_STEPS once its step 1 commits. */
    public void setHold(boolean value) {
        hold = value;
    }

    public boolean held() {
        return hold;
    }

    public long startTick() {
        return startTick;
    }

    /** The tick it finished or was abandoned at; -1 while it runs. */
    public long endTick() {
        return endTick;
    }

    void ended(long tick) {
        endTick = tick;
    }

    /** The client gives up on the call (its node went away): it ends without a CallEnd event. */
    void abandon(long tick, String reason) {
        if (!isDone()) {
            abandoned = reason;
            endTick = tick;
        }
    }
}
