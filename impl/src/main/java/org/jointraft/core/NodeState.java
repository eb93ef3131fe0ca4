package org.jointraft.core;

/**
 * A node's post-state as the trace logs it; {@code membership} is the effective one, at log index
 * {@code membershipIndex}; {@code snapshotIndex} is the index of its snapshot (0: none).
 */
public record NodeState(long term, int votedFor, Role role, long commitIndex, long lastLogIndex, long lastLogTerm,
        Membership membership, long membershipIndex, long snapshotIndex) {

    /** A state of a node without a snapshot. */
    public NodeState(long term, int votedFor, Role role, long commitIndex, long lastLogIndex, long lastLogTerm,
            Membership membership, long membershipIndex) {
        this(term, votedFor, role, commitIndex, lastLogIndex, lastLogTerm, membership, membershipIndex, 0);
    }
}
