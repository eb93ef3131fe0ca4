package org.jointraft.core;

/**
 * Receives every atomic step of a node with its post-state, in the contract's order. The core builds the
 * {@link Step} and {@link NodeState} objects only when its observer is not {@link #NONE}.
 */
public interface StepObserver {

    /** The observer that observes nothing; the core skips all reporting work for it. */
    StepObserver NONE = (node, step, post) -> { };

    void onStep(int node, Step step, NodeState post);

    default void onCall(int node, CallEvent event) {
    }
}
