package org.jointraft.core;

/**
 * How a membership call ended: {@code ok} with the membership it ended on, or an {@code error} with details
 * ({@code leaderHint} is the leader the node knew of for NOT_LEADER, 0 if none).
 */
public record CallOutcome(boolean ok, Membership membership, MembershipError error, int leaderHint, String detail) {

    static CallOutcome success(Membership membership) {
        return new CallOutcome(true, membership, null, 0, null);
    }

    static CallOutcome failure(MembershipError error, int leaderHint, String detail) {
        return new CallOutcome(false, null, error, leaderHint, detail);
    }
}
