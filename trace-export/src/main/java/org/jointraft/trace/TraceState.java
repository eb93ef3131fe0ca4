package org.jointraft.trace;

import java.util.Objects;
import org.jointraft.core.Role;

/**
 * A node's post-state as logged with every node event. {@code membership} is the effective membership
 * and {@code membershipIndex} the log index of its entry (0 = bootstrap, no entry); in JSON the index is
 * the {@code index} field inside {@code membership}.
 */
public record TraceState(
        long term,
        int votedFor,
        Role role,
        long commitIndex,
        long lastLogIndex,
        long lastLogTerm,
        TraceMembership membership,
        long membershipIndex) {

    public TraceState {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(membership, "membership");
    }
}
