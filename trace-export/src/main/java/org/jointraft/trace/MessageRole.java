package org.jointraft.trace;

/**
 * What an event did with a message it carries: which end of it {@code node} is, and how many copies the
 * step takes from and puts into the network (TraceMerge orders per-node traces by that).
 */
public enum MessageRole {
    /** Sent by {@code node} ({@code source} is {@code node}). */
    SENT(false, 1),
    /** Received by {@code node} ({@code dest} is {@code node}). */
    RECEIVED(true, 0),
    /** Sent by {@code node} in answer to the event's received message ({@code dest} is that message's source). */
    REPLY(false, 1),
    /** Lost by the network; logged at its destination. */
    LOST(true, 0),
    /** Copied by the network; logged at its destination: needs a copy, and puts it back with one more. */
    COPIED(true, 2);

    private final boolean takes;
    private final int adds;

    MessageRole(boolean takes, int adds) {
        this.takes = takes;
        this.adds = adds;
    }

    /** Whether the step needs a copy in flight and takes it; such a message is addressed to {@code node}. */
    public boolean takes() {
        return takes;
    }

    /** Copies the step puts into the network. */
    public int adds() {
        return adds;
    }

    /** A fault of the network rather than a step of a node. */
    public boolean networkFault() {
        return this == LOST || this == COPIED;
    }
}
