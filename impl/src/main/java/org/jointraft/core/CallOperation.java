package org.jointraft.core;

import java.util.Locale;

/** Which client call a {@link MembershipCall} is; {@link #traceName()} is the contract's string. */
public enum CallOperation {
    /** change_membership(changes, retain). */
    CHANGE_MEMBERSHIP,
    /** change_membership guarded by the expected effective membership index. */
    CHANGE_MEMBERSHIP_IF,
    /** One explicit proposal of a target membership. */
    PROPOSE_MEMBERSHIP;

    public String traceName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
