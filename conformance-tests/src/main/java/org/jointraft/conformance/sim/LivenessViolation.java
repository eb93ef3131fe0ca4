package org.jointraft.conformance.sim;

/**
 * A liveness condition that did not hold when the liveness phase ended: {@code condition} is one of
 * {@link LivenessCheck}'s names ({@code one-leader}, {@code calls-ended}, {@code logs-equal}, {@code all-committed},
 * {@code stable-leader}), {@code detail} names the nodes, call or log entries involved.
 */
public record LivenessViolation(String condition, String detail) {

    /** One line for people: {@code liveness: one-leader: no running node is leader ...}. */
    public String describe() {
        return "liveness " + condition + " failed: " + detail;
    }
}
