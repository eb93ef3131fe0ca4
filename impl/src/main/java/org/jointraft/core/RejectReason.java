package org.jointraft.core;

/** Why a leader refused a membership proposal; {@link #traceName()} is the contract's string. */
public enum RejectReason {
    /** The node is not the leader. */
    NOT_LEADER,
    /** The effective membership is not committed yet, or no entry of the leader's term is committed yet. */
    IN_PROGRESS,
    /** The target shares no voter set with the effective membership. */
    INCOHERENT,
    /** The target is not a valid membership. */
    INVALID;

    public String traceName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
