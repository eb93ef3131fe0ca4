package org.jointraft.core;

/** A membership or membership change that is not valid; {@link #problem()} says which rule it breaks. */
public final class MembershipException extends IllegalArgumentException {

    /** The rule a membership or a change request breaks. */
    public enum Problem {
        /** A membership needs one (uniform) or two (joint) voter sets. */
        WRONG_CONFIG_COUNT,
        /** A voter set (config) is empty. */
        EMPTY_VOTER_SET,
        /** A node id is not a positive int (0 means "none" and is never a node). */
        INVALID_ID,
        /** A node is both a voter and a learner. */
        LEARNER_IS_VOTER,
        /** The changes would leave no voter at all. */
        REMOVES_EVERY_VOTER,
        /** A change names no node. */
        EMPTY_CHANGE,
        /** AddLearners names a node that is a voter (demote it with RemoveVoters and retain instead). */
        NODE_IS_VOTER
    }

    private final Problem problem;

    public MembershipException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
