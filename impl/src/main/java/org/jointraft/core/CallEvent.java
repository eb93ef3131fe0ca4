package org.jointraft.core;

import java.util.List;

/** Client-level start and end of a membership call (trace events CallStart / CallEnd). */
public sealed interface CallEvent {

    long call();

    /**
     * @param expectedIndex the expected effective membership index; null unless the call is guarded
     * @param target the explicit target; null unless the operation is PROPOSE_MEMBERSHIP
     */
    record Start(long call, CallOperation operation, List<MembershipChange> changes, boolean retain, Long expectedIndex,
            Membership target) implements CallEvent {
        public Start {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /**
     * @param membership where the call ended; null on error
     * @param error the error's name; null when ok
     */
    record End(long call, boolean ok, Membership membership, String error) implements CallEvent {
    }
}
