package org.jointraft.cluster;

/** Whether a node of a {@link VirtualCluster} runs. */
public enum NodeStatus {
    /** Takes ticks and messages. */
    UP,
    /** Crashed: messages to it are dropped; it restarts from its durable state later. */
    CRASHED,
    /** Shut down by the operator after being removed from the membership; started again if it is added back. */
    STOPPED
}
