package org.jointraft.trace;

import java.util.Objects;
import org.jointraft.core.Role;

/**
 * A node's post-state as logged with every node event. {@code membership} is the effective membership
 * and {@code membershipIndex} the log index of its entry (0 = bootstrap, no entry); in JSON the index is
 * the {@code index} field inside {@code membership}. {@code snapshotIndex} is the index of the node's snapshot
 * (0: none; schema version 3, read as 0 from older traces).
 */
public record TraceState(
        long term,
        int votedFor,
        Role role,
        long commitIndex,
        long lastLogIndex,
        long lastLogTerm,
        TraceMembership membership,
        long membershipIndex,
        long snapshotIndex) {

    public TraceState {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(membership, "membership");
    }

    /** The state of a node without a snapshot. */
    public TraceState(long term, int votedFor, Role role, long commitIndex, long lastLogIndex, long lastLogTerm,
            TraceMembership membership, long membershipIndex) {
        this(term, votedFor, role, commitIndex, lastLogIndex, lastLogTerm, membership, membershipIndex, 0);
    }
}
