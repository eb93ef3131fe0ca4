package org.jointraft.core;

/**
 * The answer to a client or membership proposal: accepted at {@code index}/{@code term}, or rejected with a reason
 * ({@code leaderHint} names the leader this node knows of, 0 if none).
 */
public record Proposal(Ready ready, long index, long term, RejectReason rejected, int leaderHint) {

    public boolean accepted() {
        return rejected == null;
    }
}
