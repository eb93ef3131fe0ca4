package org.jointraft.core;

/**
 * The membership call step that caused a proposal: {@code call} is the call's id (positive), {@code step} 1 or 2
 * (docs/membership.md, "The two-step call"; an explicit propose_membership call has only step 1).
 */
public record CallStep(long call, int step) {

    public CallStep {
        if (call <= 0) {
            throw new IllegalArgumentException("call id must be positive, got " + call);
        }
        if (step != 1 && step != 2) {
            throw new IllegalArgumentException("step must be 1 or 2, got " + step);
        }
    }
}
