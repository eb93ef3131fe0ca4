package org.jointraft.core;

/** A node's post-state as the trace logs it; {@code membership} is the effective one, at log index {@code membershipIndex}. */
public record NodeState(long term, int votedFor, Role role, long commitIndex, long lastLogIndex, long lastLogTerm,
        Membership membership, long membershipIndex) {
}
