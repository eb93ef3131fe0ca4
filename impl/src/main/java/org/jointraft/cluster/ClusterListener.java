package org.jointraft.cluster;

import org.jointraft.core.Message;
import org.jointraft.core.Ready;

/**
 * What a {@link VirtualCluster} tells its owner besides the nodes' own steps (those go to the nodes' StepObserver):
 * network losses and copies, every node output after it was persisted and sent, status changes and node failures.
 * Every method has a default, so a listener overrides only what it needs.
 */
public interface ClusterListener {

    /** The default listener: hears nothing, and lets a node's exception through. */
    ClusterListener NONE = new ClusterListener() { };

    /** The network lost one copy of {@code m} (a policy's drop, a cut link, a node that is down, or a script). */
    default void onDrop(Message m) {
    }

    /** The network added one copy of {@code m}. */
    default void onDuplicate(Message m) {
    }

    /** {@code m} is handed to its destination now. */
    default void onDeliver(Message m) {
    }

    /** Node {@code node} produced {@code ready}; it is persisted and its messages are in flight. */
    default void afterInput(int node, Ready ready) {
    }

    /** Node {@code node} crashed after writing an output and before its sync; {@link #onStatus} follows. */
    default void onCrashBeforeSync(int node) {
    }

    /** Node {@code node} was rebuilt from its durable state; {@link #onStatus} follows. */
    default void afterRestart(int node) {
    }

    /** Node {@code node} is now {@code status}; {@code why} says what happened, for a timeline. */
    default void onStatus(int node, NodeStatus status, String why) {
    }

    /**
     * Node {@code node} threw, or could not be rebuilt; {@code what} describes it. The default rethrows {@code cause};
     * a simulator records it and usually {@link VirtualCluster#halt() halts} the cluster.
     */
    default void onNodeError(int node, String what, RuntimeException cause) {
        throw cause;
    }
}
