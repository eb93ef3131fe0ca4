package org.jointraft.cluster;

import org.jointraft.core.Message;

/**
 * The hook through which a caller decides how a {@link VirtualCluster}'s network treats each message: the tick it
 * arrives at (which also decides the delivery order: by arrival tick, then by send order) and, when it is due,
 * whether it is delivered, lost or delivered and copied. Cut links, down nodes and scripted drops are the cluster's;
 * a policy sees every message once when it is sent and once when it is due, in a fixed order, so a seeded policy
 * makes the same draws on every run.
 */
public interface Network {

    /** What happens to a message that is due. */
    enum Fate {
        DELIVER,
        /** Lost (a DropMessage step of the network). */
        DROP,
        /** Delivered, and a copy is sent again (a DuplicateMessage step). */
        DUPLICATE
    }

    /** The tick {@code m}, sent at tick {@code now}, arrives at: {@code now} or later. */
    long arrival(Message m, long now);

    /** What becomes of {@code m} now that it is due (asked even when its link is cut or its node is down). */
    Fate fate(Message m);

    /** Every message arrives in the tick it is sent and is delivered once: one tick runs until nothing is in flight. */
    static Network instant() {
        return delayed(0);
    }

    /** Every message arrives {@code ticks} ticks after it is sent and is delivered once. */
    static Network delayed(int ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("a delay of " + ticks + " ticks is negative");
        }
        return new Network() {
            @Override
            public long arrival(Message m, long now) {
                return now + ticks;
            }

            @Override
            public Fate fate(Message m) {
                return Fate.DELIVER;
            }
        };
    }
}
