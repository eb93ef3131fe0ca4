package org.jointraft.core;

/** A node's role; {@link #traceName()} is the contract's string. */
public enum Role {
    FOLLOWER("Follower"), CANDIDATE("Candidate"), LEADER("Leader");

    private final String traceName;

    Role(String traceName) {
        this.traceName = traceName;
    }

    public String traceName() {
        return traceName;
    }
}
