package org.jointraft.core;

/** Why a membership call failed; {@link #traceName()} is the string a CallEnd event carries. */
public enum MembershipError {
    /** The node asked is not the leader (or lost leadership before the entry committed); see the leader hint. */
    NOT_LEADER,
    /** A membership change is still in progress (only returned by a single proposal; calls retry instead). */
    IN_PROGRESS,
    /** A guarded call found an effective membership other than the one it expected. */
    PRECONDITION_FAILED,
    /** The changes or the target are not valid, or not coherent with the effective membership. */
    INVALID_CHANGE;

    public String traceName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
